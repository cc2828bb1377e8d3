"""What each person's landing page ("My work") shows, in a fixed number of queries."""

from homes.models import Home
from placements.models import Placement, StayExtension
from placements.selectors import match_requests_to_act_on

PENDING_SHOWN = 25


def administrator_overview(on):
    """Stay extensions waiting for a decision, oldest first, and the service's headline counts."""
    pending = StayExtension.objects.waiting(on)
    return {
        "pending_extensions": list(
            pending.select_related(
                "placement__child", "placement__home", "placement__carer", "requested_by"
            ).order_by("created_at", "id")[:PENDING_SHOWN]
        ),
        "pending_count": pending.count(),
        "children_placed": Placement.objects.active_on(on).count(),
        "open_homes": Home.objects.open_on(on).count(),
    }


def match_requests_waiting(user) -> dict:
    """The match requests waiting for this person (to assess, or to place), oldest start
    first, and how many there are."""
    waiting = match_requests_to_act_on(user)
    return {
        "match_requests_waiting": list(waiting[:PENDING_SHOWN]),
        "match_requests_count": waiting.count(),
    }
