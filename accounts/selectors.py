"""What each person's landing page ("My work") shows, in a fixed number of queries."""

from core.lists import first_rows
from homes.models import Home
from placements.models import Placement, StayExtension
from placements.selectors import match_requests_to_act_on

PENDING_SHOWN = 25


def administrator_overview(on):
    """Stay extensions waiting for a decision, oldest first, and the service's headline counts."""
    pending, count = first_rows(
        StayExtension.objects.waiting(on)
        .select_related("placement__child", "placement__home", "placement__carer", "requested_by")
        .order_by("created_at", "id"),
        PENDING_SHOWN,
    )
    return {
        "pending_extensions": pending,
        "pending_count": count,
        "children_placed": Placement.objects.active_on(on).count(),
        "open_homes": Home.objects.open_on(on).count(),
    }


def match_requests_waiting(user) -> dict:
    """The match requests waiting for this person (to assess, or to place), oldest start
    first, and how many there are."""
    waiting, count = first_rows(match_requests_to_act_on(user), PENDING_SHOWN)
    return {"match_requests_waiting": waiting, "match_requests_count": count}
