"""Reading children's records and the lists built from them, in a fixed number of queries."""

import datetime

from django.db.models import OuterRef, Prefetch, Q, Subquery

from accounts.access import children_visible_to
from placements.models import Placement, StayExtension
from placements.rules import stay_limit

from .models import ChildStatus

SEARCH_PAGE_SIZE = 25


def with_authorised_extension(placements):
    """Annotate the latest authorised extension, which `stay_limit` then reads without a query."""
    latest = StayExtension.objects.filter(
        placement=OuterRef("pk"), status=StayExtension.Status.AUTHORISED
    ).order_by("-extend_to")
    return placements.annotate(authorised_extend_to=Subquery(latest.values("extend_to")[:1]))


def stay_progress(placement, on: datetime.date) -> dict | None:
    """'Day 22 of 28' for a stay in a home type with a limit, and whether it is near or over it."""
    limit = stay_limit(placement)
    if limit is None:
        return None
    day = placement.days_in_placement(on) + 1
    of = (limit - placement.start_date).days
    warn = max(placement.home.home_type.stay_warning_days or [0])
    if day > of:
        state = "over"
    elif of - day < warn:
        state = "near"
    else:
        state = "within"
    return {"day": day, "of": of, "limit": limit, "state": state}


def caseload(user, on: datetime.date):
    """The open cases a social worker or personal adviser holds, each with its current stay
    (`current`) and progress against the home type's stay limit (`progress`)."""
    current = with_authorised_extension(
        Placement.objects.active_on(on).select_related("home__home_type", "carer")
    )
    children = list(
        children_visible_to(user)
        .exclude(status=ChildStatus.CLOSED)
        .prefetch_related(Prefetch("placements", queryset=current, to_attr="current_stays"))
    )
    for child in children:
        child.current = child.current_stays[0] if child.current_stays else None
        child.progress = stay_progress(child.current, on) if child.current else None
    return children


def child_record(user, pk):
    """The child, if this person may see them, with everything the record page shows."""
    stays = with_authorised_extension(
        Placement.objects.select_related("home__home_type", "carer", "unit")
    ).prefetch_related("extensions")
    return (
        children_visible_to(user)
        .select_related("social_worker", "key_worker", "care_leaver__personal_adviser")
        .prefetch_related("legal_statuses", Prefetch("placements", queryset=stays))
        .filter(pk=pk)
        .first()
    )


def search_children(user, query: str):
    """Children this person may see whose name, local identifier or UPN matches every word."""
    children = children_visible_to(user)
    for word in query.split()[:5]:
        children = children.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(local_id__iexact=word)
            | Q(upn__iexact=word)
        )
    return children.select_related("social_worker").order_by("last_name", "first_name", "pk")
