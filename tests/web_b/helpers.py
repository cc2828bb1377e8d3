"""Records the placement pages need that tests/factories.py does not make."""

import datetime

from django.utils import timezone

from accounts.models import Role
from placements.models import MatchingAssessment, StayExtension
from tests.factories import UserFactory


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


def extension_request(placement, *, days=60):
    return StayExtension.objects.create(
        placement=placement,
        extend_to=placement.start_date + datetime.timedelta(days=days),
        reason="Needs longer to settle.",
    )
