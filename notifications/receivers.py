"""Telling people about the pieces of work they share, as the ledger announces them
(placements.signals): a match request asked, agreed, declined, withdrawn or placed.

The words go into daily digest emails, so they name no child: the list names the child to
those allowed to see them, and the link opens the request, which checks who may read it."""

from django.dispatch import receiver
from django.urls import reverse

from placements.models import MatchRequest
from placements.signals import match_request_changed

from .services import tell

Status = MatchRequest.Status


@receiver(match_request_changed)
def tell_about_match_request(sender, match_request, by, **kwargs):
    people, title, summary = _news(match_request)
    tell(
        [person for person in people if person != by],
        title=title,
        summary=summary,
        url=reverse("placements:request_detail", args=[match_request.pk]),
        child=match_request.child,
        home=match_request.home,
    )


def _news(match) -> tuple[list, str, str]:
    """Who is told about the request's new state, and in which words."""
    home, start = match.home, f"{match.proposed_start:%d/%m/%Y}"
    managers = list(home.managers.all())
    social_workers = [match.requested_by, match.child.social_worker]
    if match.status == Status.REQUESTED:
        return (
            managers,
            "Match request to assess",
            f"A social worker asks whether {home} can take a child from {start}. Assess the "
            "impact on the children living there and sign it off, or decline.",
        )
    if match.status == Status.AGREED:
        return (
            social_workers,
            "Match agreed",
            f"The manager of {home} agreed your match request from {start}. Record the placement.",
        )
    if match.status == Status.DECLINED:
        return (
            social_workers,
            "Match declined",
            f"The manager of {home} declined your match request from {start}. Read why, and "
            "search vacancies for another home.",
        )
    if match.status == Status.WITHDRAWN:
        return (
            managers,
            "Match request withdrawn",
            f"The match request for {home} from {start} was withdrawn. Nothing more is needed.",
        )
    return (
        managers,
        "Placement recorded after a match",
        f"A child you agreed to admit is placed at {home} from "
        f"{match.placement.start_date:%d/%m/%Y}.",
    )
