"""Reading care leavers: only the young people the person may see (accounts.access decides)."""

import datetime

from django.db.models import Exists, OuterRef, Q

from accounts.access import children_visible_to
from core.lists import filter_given
from placements.models import Placement

from .models import CareLeaver

EET, NEET, UNKNOWN = "eet", "neet", "unknown"


def care_leavers_visible_to(user):
    return CareLeaver.objects.filter(child__in=children_visible_to(user))


def care_leavers(
    user, day: datetime.date, *, adviser=None, review="", eet="", accommodation="", support=""
):
    """The list, filtered; `review` is "overdue" or "due_soon" (within four weeks of `day`)."""
    qs = filter_given(
        care_leavers_visible_to(user).select_related("child", "personal_adviser"),
        personal_adviser=adviser,
        accommodation=accommodation,
    )
    if review == "overdue":
        qs = qs.filter(pathway_plan_review_due__lt=day)
    elif review == "due_soon":
        qs = qs.filter(
            pathway_plan_review_due__gte=day,
            pathway_plan_review_due__lte=day + datetime.timedelta(weeks=4),
        )
    if eet == EET:
        qs = qs.filter(Q(activity__startswith="F") | Q(activity__startswith="P"))
    elif eet == NEET:
        qs = qs.filter(activity__startswith="G")
    elif eet == UNKNOWN:
        qs = qs.filter(activity="0")
    if support == "staying_put":
        qs = qs.filter(staying_put=True)
    elif support == "staying_close":
        qs = qs.filter(staying_close=True)
    return qs.order_by("child__last_name", "child__first_name", "pk")


def care_leaver_for(user, pk):
    """One care leaver with the child and adviser, or None when out of the person's scope."""
    return (
        care_leavers_visible_to(user)
        .select_related("child", "personal_adviser")
        .annotate(lived_in_linked_units=lived_in_linked_units())
        .filter(pk=pk)
        .first()
    )


def lived_in_linked_units():
    """Whether the young person is or was placed in a home with a trainer flat and linked houses."""
    return Exists(
        Placement.objects.live().filter(
            child=OuterRef("child"), home__home_type__has_linked_units=True
        )
    )
