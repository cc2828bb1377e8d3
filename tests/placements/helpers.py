"""Records the placement pages need that tests/factories.py does not make: matching sign-offs,
match requests, extension requests, and caseloads of stays with extensions."""

import datetime

from django.utils import timezone

from accounts.models import Role
from core.dates import today
from placements.models import MatchingAssessment, MatchRequest, StayExtension
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory, home_type


def signed_off_matching(child, home, *, decision=MatchingAssessment.Decision.PROCEED, by=None):
    """A matching assessment as the home's manager would have signed it off."""
    return MatchingAssessment.objects.create(
        child=child,
        home=home,
        proposed_start=datetime.date.today(),
        decision=decision,
        summary="Settles well with the others.",
        signed_off_by=by or UserFactory(username="matching-manager", role=Role.HOME_MANAGER),
        signed_off_at=timezone.now(),
    )


def match_request(child, home, *, by, start=None, needs="Needs a calm home near school."):
    """A match request as the social worker would have sent it, waiting for the manager."""
    return MatchRequest.objects.create(
        child=child,
        home=home,
        proposed_start=start or today() + datetime.timedelta(days=7),
        needs=needs,
        requested_by=by,
    )


def extension_request(placement, *, days=60):
    return StayExtension.objects.create(
        placement=placement,
        extend_to=placement.start_date + datetime.timedelta(days=days),
        reason="Needs longer to settle.",
    )


def days_ago(n):
    return today() - datetime.timedelta(days=n)


def make_caseload(social_worker, manager, size):
    """`size` children on the social worker's caseload, each in a Safe Space home the manager
    runs (four beds each), with an authorised and a requested extension on every stay."""
    safe_space = home_type("safe-space")
    homes = [HomeFactory(home_type=safe_space) for _ in range((size + 3) // 4)]
    for home in homes:
        home.managers.add(manager)
    stays = []
    for i in range(size):
        child = ChildFactory(social_worker=social_worker)
        stay = PlacementFactory(
            child=child,
            home=homes[i // 4],
            start_date=days_ago(21),
            planned_end_date=days_ago(21) + datetime.timedelta(days=28),
        )
        StayExtension.objects.create(
            placement=stay,
            extend_to=days_ago(21) + datetime.timedelta(days=35),
            reason="Return home planned",
            status=StayExtension.Status.AUTHORISED,
            decided_by=manager,
            decided_at=stay.created_at,
        )
        StayExtension.objects.create(
            placement=stay, extend_to=days_ago(0) + datetime.timedelta(days=40), reason="More time"
        )
        stays.append(stay)
    return stays
