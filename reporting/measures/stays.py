"""Stays against their purpose: started and ended, length against the home type's limit, breaches, extensions."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from homes.models import HomeType
from placements.models import StayExtension

from ..periods import Period
from .common import as_date, end_of, home_stays, measure


def _limited_types() -> list[HomeType]:
    return list(HomeType.objects.filter(max_stay_days__isnull=False).order_by("name"))


@measure(
    "Stays started and ended",
    "Stays in children's homes that began during the period, and stays that ended during it "
    "(the child left on a day in the period), by home type. Records entered in error are left out.",
)
def stays_started_and_ended(period: Period) -> dict[str, dict[str, int]]:
    in_period = {"start_date__gte": period.start, "start_date__lt": period.end}
    ended = {"end_date__gte": period.start, "end_date__lt": period.end}
    rows = (
        home_stays()
        .filter(Q(**in_period) | Q(**ended))
        .values("home__home_type__name")
        .annotate(started=Count("id", filter=Q(**in_period)), ended=Count("id", filter=Q(**ended)))
    )
    result = {"all": {"started": 0, "ended": 0}}
    for row in rows:
        result[row["home__home_type__name"]] = {"started": row["started"], "ended": row["ended"]}
        result["all"]["started"] += row["started"]
        result["all"]["ended"] += row["ended"]
    return result


LENGTH_BANDS = ("up to half the limit", "half to the full limit", "over the limit")


@measure(
    "Length of stay against the limit",
    "For home types with a stay limit (for example Safe Space 28 days, MST 12 weeks, Towards "
    "Home 9 months), stays that ended in the period, by how long they lasted: up to half the "
    "limit, from half to the full limit, or longer than the limit.",
)
def length_of_stay(period: Period) -> dict[str, dict[str, int]]:
    types = _limited_types()
    if not types:
        return {}
    los = ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())
    counts = {}
    for ht in types:
        limit = datetime.timedelta(days=ht.max_stay_days)
        half = datetime.timedelta(days=ht.max_stay_days / 2)
        of_type = Q(home__home_type=ht)
        counts[f"{ht.pk}:0"] = Count("id", filter=of_type & Q(los__lte=half))
        counts[f"{ht.pk}:1"] = Count("id", filter=of_type & Q(los__gt=half, los__lte=limit))
        counts[f"{ht.pk}:2"] = Count("id", filter=of_type & Q(los__gt=limit))
    totals = (
        home_stays()
        .filter(end_date__gte=period.start, end_date__lt=period.end)
        .annotate(los=los)
        .aggregate(**counts)
    )
    return {
        ht.name: {band: totals[f"{ht.pk}:{i}"] for i, band in enumerate(LENGTH_BANDS)}
        for ht in types
    }


@measure(
    "Stays over the limit (breaches)",
    "Stays in a home type with a stay limit where the child was still in the home on at least "
    "one day of the period after the limit date: the start date plus the limit, or the date of "
    "the latest authorised extension if that is later.",
)
def breaches(period: Period) -> dict[str, int]:
    types = _limited_types()
    if not types:
        return {}
    latest_extension = (
        StayExtension.objects.filter(
            placement=OuterRef("pk"), status=StayExtension.Status.AUTHORISED
        )
        .order_by("-extend_to")
        .values("extend_to")[:1]
    )
    left = Coalesce(F("end_date"), as_date(datetime.date.max))
    stayed = ExpressionWrapper(left - F("start_date"), output_field=DurationField())
    # An extension moves the limit date later; without one the home type's limit is the date.
    past_extension = Q(extension__isnull=True) | Q(
        extension__lt=period.end, extension_before_leaving=True
    )
    counts = {}
    for ht in types:
        limit = datetime.timedelta(days=ht.max_stay_days)
        counts[str(ht.pk)] = Count(
            "id",
            filter=Q(home__home_type=ht, start_date__lt=period.end - limit, stayed__gt=limit)
            & past_extension,
        )
    totals = (
        home_stays()
        .overlapping(period.start, period.end)
        .annotate(stayed=stayed, extension=Subquery(latest_extension))
        .annotate(extension_before_leaving=ExpressionWrapper(Q(extension__lt=left), BooleanField()))
        .aggregate(**counts)
    )
    return {ht.name: totals[str(ht.pk)] for ht in types}


@measure(
    "Authorised extensions",
    "Requests to keep a child beyond the home type's stay limit that were authorised during the "
    "period, by home type.",
)
def extensions_authorised(period: Period) -> dict[str, int]:
    rows = (
        StayExtension.objects.filter(
            status=StayExtension.Status.AUTHORISED,
            decided_at__gte=end_of(period.start - datetime.timedelta(days=1)),
            decided_at__lt=end_of(period.last_day),
            placement__entered_in_error=False,
        )
        .values("placement__home__home_type__name")
        .annotate(n=Count("id"))
    )
    return {row["placement__home__home_type__name"]: row["n"] for row in rows}
