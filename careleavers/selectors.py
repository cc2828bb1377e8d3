"""Reading care leavers: only the young people the person may see (accounts.access decides)."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q

from accounts.access import children_visible_to
from core.text_search import every_word
from placements.models import Placement

from .models import AdviserAllocation, CareLeaver

EET, NEET, UNKNOWN = "eet", "neet", "unknown"
OVERDUE, DUE_SOON = "overdue", "due_soon"
STAYING_PUT, STAYING_CLOSE = "staying_put", "staying_close"


def care_leavers_visible_to(user):
    return CareLeaver.objects.filter(child__in=children_visible_to(user))


def care_leavers(user):
    """The young people this person may see, with their child and adviser, by name."""
    return (
        care_leavers_visible_to(user)
        .select_related("child", "personal_adviser")
        .order_by("child__last_name", "child__first_name", "pk")
    )


def adviser_named(qs, name: str):
    """Young people whose personal adviser's name holds every word typed."""
    matching = every_word(name, "personal_adviser__first_name", "personal_adviser__last_name")
    return qs if matching is None else qs.filter(matching)


def review_is(qs, review: str, day: datetime.date):
    """Pathway plan reviews OVERDUE on `day`, or DUE_SOON (within four weeks of it)."""
    if review == OVERDUE:
        return qs.filter(pathway_plan_review_due__lt=day)
    return qs.filter(
        pathway_plan_review_due__gte=day,
        pathway_plan_review_due__lte=day + datetime.timedelta(weeks=4),
    )


def eet_is(qs, eet: str):
    """In education, employment or training (EET: the F and P codes), not (NEET: G), unknown."""
    if eet == EET:
        return qs.filter(Q(activity__startswith="F") | Q(activity__startswith="P"))
    if eet == NEET:
        return qs.filter(activity__startswith="G")
    return qs.filter(activity="0")


def support_is(qs, support: str):
    return qs.filter(staying_put=True) if support == STAYING_PUT else qs.filter(staying_close=True)


def care_leaver_for(user, pk):
    """One care leaver with the child and adviser, or None when out of the person's scope."""
    return (
        care_leavers_visible_to(user)
        .select_related("child", "personal_adviser")
        .prefetch_related(
            Prefetch("adviser_history", queryset=AdviserAllocation.objects.select_related("person"))
        )
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
