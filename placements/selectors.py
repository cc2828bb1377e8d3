"""Reading placements for the pages: who may act on which stay, and pending extensions."""

from accounts.access import children_visible_to, has_role, homes_managed_by
from accounts.models import Role

from .models import MatchingAssessment, Placement, StayExtension


def placements_for(user):
    """The stays this person may open and act on: a social worker's caseload, a manager's
    homes (only stays there), everything for an administrator. Others: none."""
    stays = Placement.objects.live().filter(child__in=children_visible_to(user))
    if has_role(user, Role.HOME_MANAGER):
        stays = stays.filter(home__in=homes_managed_by(user))
    return stays.select_related("child", "home__home_type", "unit", "carer", "matching")


def pending_extensions():
    return (
        StayExtension.objects.filter(status=StayExtension.Status.REQUESTED)
        .select_related("placement__child", "placement__home", "placement__carer", "requested_by")
        .order_by("created_at")
    )


def matchings_for(user):
    """Matching assessments name the children living in the home, so only the home's
    managers and administrators open them."""
    return MatchingAssessment.objects.filter(home__in=homes_managed_by(user)).select_related(
        "child", "home", "signed_off_by"
    )
