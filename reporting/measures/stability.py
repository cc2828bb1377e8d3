"""Stability: three or more placements in a year, long-term stability, placement location."""

import datetime

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)

from core.dates import add_years
from placements.models import Placement

from ..periods import Period, months_before
from .common import FAR_FROM_HOME_MILES, in_care_on, measure


@measure(
    "Children with three or more placements",
    "Children looked after on the last day of the period who had three or more placements "
    "(short breaks not counted) during the twelve months up to that day, out of all children "
    "looked after that day.",
)
def three_or_more_placements(period: Period) -> dict[str, int]:
    day = period.last_day
    year_start = add_years(day, -1) + datetime.timedelta(days=1)
    # Grouped by child over the placements of the year: a child looked after on the day has
    # their current placement among them, so the groups holding one are the children counted.
    open_on_day = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
    per_child = (
        Placement.objects.live()
        .filter(is_short_break=False, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=year_start))
        .values("child")
        .annotate(moves=Count("id"), now=Count("id", filter=open_on_day))
        .filter(now__gt=0)
    )
    return per_child.aggregate(count=Count("child", filter=Q(moves__gte=3)), of=Count("child"))


@measure(
    "Long-term stability",
    "Children under 16 on the last day of the period, looked after for at least two and a half "
    "years (counted from their first recorded placement), who had lived in the same placement "
    "for at least two years, out of all children under 16 looked after that long.",
)
def long_term_stability(period: Period) -> dict[str, int]:
    day = period.last_day
    # Counted from each child's one current placement (a child is in one place at a time).
    # Looked after since at least 30 months ago: some placement began by then (the first one
    # did exactly when any did), which an index finds without reading each child's history.
    in_care_long = Placement.objects.live().filter(
        child=OuterRef("child"), is_short_break=False, start_date__lte=months_before(day, 30)
    )
    current = in_care_on(day).filter(
        Exists(in_care_long), child__date_of_birth__gt=add_years(day, -16)
    )
    return current.aggregate(
        count=Count("child", distinct=True, filter=Q(start_date__lte=add_years(day, -2))),
        of=Count("child", distinct=True),
    )


@measure(
    "Placement location",
    "Placements open on the last day of the period (short breaks not counted) that are more "
    "than 20 miles from the child's home postcode, or outside the council's area, out of all "
    "open placements. 'Distance not known' counts placements without a distance.",
)
def placement_location(period: Period) -> dict[str, int]:
    return in_care_on(period.last_day).aggregate(
        far=Count("id", filter=Q(distance_miles__gt=FAR_FROM_HOME_MILES)),
        outside=Count("id", filter=Q(outside_council_area=True)),
        unknown=Count("id", filter=Q(distance_miles__isnull=True)),
        of=Count("id"),
    )
