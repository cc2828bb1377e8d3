"""Short breaks (Care Planning Regulations 2010, reg 48): no single stay over 17 days and no
more than 75 days in any 12 months. Checking the 12 months ending each day covers every window."""

import datetime

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least

from children.models import Child
from placements.models import Placement
from placements.rules import SHORT_BREAK_MAX_DAYS

from ..registry import register_check
from ..sql import DaysBetween
from .common import PLACEMENT_FIELDS, child_conditions, placement_conditions

MAX_DAYS_IN_12_MONTHS = 75


@register_check("short_break_too_long", title="Short break longer than 17 days")
def short_break_too_long(day):
    rows = (
        Placement.objects.active_on(day)
        .order_by()
        .filter(is_short_break=True)
        .filter(start_date__lt=day - datetime.timedelta(days=SHORT_BREAK_MAX_DAYS))
        .values(*PLACEMENT_FIELDS, "start_date")
    )

    def describe(row):
        due = row["start_date"] + datetime.timedelta(days=SHORT_BREAK_MAX_DAYS)
        return {
            "due": due,
            "key": "",
            "summary": (
                f"A short break that began on {row['start_date']:%d/%m/%Y} has gone past "
                f"{SHORT_BREAK_MAX_DAYS} days (on {due:%d/%m/%Y}). End it, or plan the child's "
                "care as a looked-after placement."
            ),
        }

    return placement_conditions(rows, describe)


@register_check("short_breaks_over_75_days", title="Short breaks over 75 days in 12 months")
def short_breaks_over_75_days(day):
    window_start = day - datetime.timedelta(days=364)
    window_end = day + datetime.timedelta(days=1)  # today counts
    days_in_window = DaysBetween(
        Least(Coalesce("end_date", Value(window_end)), Value(window_end)),
        Greatest("start_date", Value(window_start)),
    )
    rows = (
        Placement.objects.live()
        .filter(is_short_break=True)
        .overlapping(window_start, window_end)
        .filter(start_date__lte=day)
        .values("child_id")
        .annotate(days=Sum(days_in_window))
        .filter(days__gt=MAX_DAYS_IN_12_MONTHS)
        .order_by()
    )
    # The few children found, then their social workers (joining every child before adding up
    # the days cost a pass over all the children).
    rows = list(rows)
    workers = dict(
        Child.objects.filter(pk__in=[r["child_id"] for r in rows]).values_list(
            "pk", "social_worker_id"
        )
        if rows
        else ()
    )

    def describe(row):
        return {
            "due": day,
            "key": "",
            "summary": (
                f"{row['days']} days of short breaks in the 12 months to {day:%d/%m/%Y}, over "
                f"the {MAX_DAYS_IN_12_MONTHS} allowed. Review the child's plan: they may need to "
                "be looked after under the full care planning rules."
            ),
        }

    return child_conditions(
        [{"pk": r["child_id"], "social_worker_id": workers[r["child_id"]], **r} for r in rows],
        describe,
    )
