"""Placement plans (Care Planning Regulations 2010, reg 9): made before the placement, or, for an
emergency placement, within five working days of its start. A placement counts as an emergency
one when it began with no completed plan."""

import datetime
from functools import lru_cache

from django.db.models import Exists, OuterRef

from core.dates import add_working_days
from placements.models import Placement

from ..calendar import latest_start_due_by
from ..models import PlacementPlan
from ..registry import register_check
from .common import PLACEMENT_FIELDS, placement_conditions

PLAN_WORKING_DAYS = 5
REMIND_DAYS_BEFORE = 7  # the whole five working days: tell people as soon as it is found


@lru_cache(maxsize=4096)  # many placements share a start date
def plan_due(start):
    return add_working_days(start, PLAN_WORKING_DAYS)


@register_check("placement_plan_due", title="Placement plan due")
def placement_plan_due(day):
    completed = PlacementPlan.objects.filter(
        placement=OuterRef("pk"), completed_on__isnull=False, completed_on__lte=day
    )
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    rows = (
        Placement.objects.active_on(day)
        .order_by()
        .filter(start_date__lte=latest_start_due_by(horizon, plan_due))
        .exclude(Exists(completed))
        .values(*PLACEMENT_FIELDS, "start_date")
    )

    def describe(row):
        due = plan_due(row["start_date"])
        return {
            "due": due,
            "key": "",
            "summary": (
                f"The placement began on {row['start_date']:%d/%m/%Y} without a placement plan; "
                f"the plan {'was' if due < day else 'is'} due within {PLAN_WORKING_DAYS} working "
                f"days, by {due:%d/%m/%Y}. Complete and record it."
            ),
        }

    return placement_conditions(rows, describe)
