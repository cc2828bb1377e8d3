"""Cost of placements, by group, and its trend."""

import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    Sum,
)

from carers.models import CarerType
from homes.models import Provision
from placements.models import Placement

from ..periods import Period
from .common import in_care_on, measure

COST_GROUPS = {
    "external": ("External residential", Q(home__provision=Provision.EXTERNAL)),
    "agency": ("Agency foster care", Q(carer__carer_type=CarerType.AGENCY)),
    "in_house": ("Council's own homes", Q(home__provision=Provision.IN_HOUSE)),
}


@measure(
    "Placement cost",
    "Placements open on the last day of the period in external children's homes, with "
    "independent fostering agency carers, and in the council's own homes: how many, and their "
    "total weekly cost (the weekly cost recorded on each placement).",
)
def placement_costs(period: Period) -> dict[str, dict]:
    aggregates = {}
    for key, (_label, group) in COST_GROUPS.items():
        aggregates[f"{key}_count"] = Count("id", filter=group)
        aggregates[f"{key}_weekly"] = Sum("weekly_cost", filter=group)
    totals = in_care_on(period.last_day).aggregate(**aggregates)
    return {
        key: {"count": totals[f"{key}_count"], "weekly": totals[f"{key}_weekly"] or Decimal("0")}
        for key in COST_GROUPS
    }


@measure(
    "Weekly cost trend",
    "The total weekly cost of the placements in each cost group open on the last day of each of "
    "the twelve months up to the end of the period.",
)
def cost_trend(period: Period) -> list[tuple[datetime.date, dict[str, Decimal]]]:
    days = period.month_ends(12)
    aggregates = {}
    for i, day in enumerate(days):
        open_then = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
        for key, (_label, group) in COST_GROUPS.items():
            aggregates[f"{key}_{i}"] = Sum("weekly_cost", filter=open_then & group)
    totals = (
        Placement.objects.live()
        .filter(is_short_break=False)
        .overlapping(days[0], days[-1] + datetime.timedelta(days=1))
        .aggregate(**aggregates)
    )
    return [
        (day, {key: totals[f"{key}_{i}"] or Decimal("0") for key in COST_GROUPS})
        for i, day in enumerate(days)
    ]
