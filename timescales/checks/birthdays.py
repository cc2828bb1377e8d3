"""Birthdays that change a child's plan: 16 (pathway plan due), 18 (leaving care, with a personal
adviser), 21 and 25 (ends of leaving-care entitlements), and growing too old for the home."""

import datetime

from django.db.models import Exists, OuterRef, Q

from careleavers.models import CareLeaver
from children.models import Child, ChildStatus
from core.dates import add_years
from homes.models import HomeType
from placements.models import Placement

from .. import audiences
from ..calendar import add_months
from ..registry import CheckResult, Condition, register_check
from .common import CHILD_FIELDS, PLACEMENT_FIELDS, child_conditions, placement_conditions

REMIND_DAYS_BEFORE = 28
PATHWAY_PLAN_MONTHS = 3  # needs assessment within 3 months of the 16th birthday (reg 42)
ADVISER_GRACE_DAYS = 90


def born_for_birthday_between(age, first, last):
    """Q for children whose `age`th birthday falls in [first, last]."""
    return Q(date_of_birth__gte=add_years(first, -age), date_of_birth__lte=add_years(last, -age))


def _looked_after_on(day):
    return Exists(Placement.objects.active_on(day).filter(child=OuterRef("pk")))


@register_check("pathway_plan_due", title="Turning 16: pathway plan due")
def pathway_plan_due(day):
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    planned = CareLeaver.objects.filter(child=OuterRef("pk"), pathway_plan_date__isnull=False)
    rows = (
        Child.objects.filter(_looked_after_on(day))
        .order_by()
        .filter(born_for_birthday_between(16, add_months(day, -PATHWAY_PLAN_MONTHS), horizon))
        .exclude(Exists(planned))
        .values(*CHILD_FIELDS, "date_of_birth")
    )

    def describe(row):
        birthday = add_years(row["date_of_birth"], 16)
        due = add_months(birthday, PATHWAY_PLAN_MONTHS)
        return {
            "due": due,
            "key": "16",
            "summary": (
                f"Turns 16 on {birthday:%d/%m/%Y}: assess their needs and make a pathway plan "
                f"by {due:%d/%m/%Y}."
            ),
        }

    return child_conditions(rows, describe)


@register_check("care_leaver_adviser_needed", title="Turning 18: personal adviser needed")
def care_leaver_adviser_needed(day):
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    advised = CareLeaver.objects.filter(child=OuterRef("pk"), personal_adviser__isnull=False)
    rows = (
        Child.objects.filter(status__in=[ChildStatus.LOOKED_AFTER, ChildStatus.CARE_LEAVER])
        .order_by()
        .filter(
            born_for_birthday_between(
                18, day - datetime.timedelta(days=ADVISER_GRACE_DAYS), horizon
            )
        )
        .exclude(Exists(advised))
        .values(*CHILD_FIELDS, "date_of_birth")
    )

    def describe(row):
        birthday = add_years(row["date_of_birth"], 18)
        return {
            "due": birthday,
            "key": "18",
            "summary": (
                f"Turns 18 on {birthday:%d/%m/%Y} and leaves care: record them as a care leaver "
                "and allocate a personal adviser."
            ),
        }

    return child_conditions(rows, describe)


ENTITLEMENT_ENDS = {
    21: "Staying Put support ends",
    25: "personal adviser and Staying Close support end",
}


@register_check("care_leaver_entitlement_ends", title="Care leaver turning 21 or 25")
def care_leaver_entitlement_ends(day):
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    turning = Q()
    for age in ENTITLEMENT_ENDS:
        turning |= born_for_birthday_between(age, day, horizon)
    rows = (
        Child.objects.filter(care_leaver__isnull=False)
        .order_by()
        .filter(turning)
        .values("pk", "date_of_birth", "social_worker_id", "care_leaver__personal_adviser_id")
    )
    conditions = []
    for row in rows:
        age = next(
            a for a in ENTITLEMENT_ENDS if day <= add_years(row["date_of_birth"], a) <= horizon
        )
        birthday = add_years(row["date_of_birth"], age)
        conditions.append(
            Condition(
                subject_type="child",
                subject_id=row["pk"],
                child_id=row["pk"],
                key=str(age),
                due=birthday,
                summary=(
                    f"Turns {age} on {birthday:%d/%m/%Y}, when {ENTITLEMENT_ENDS[age]}. Plan what "
                    "support continues."
                ),
                recipients=audiences.people(
                    row["care_leaver__personal_adviser_id"] or row["social_worker_id"]
                ),
            )
        )
    return CheckResult(conditions)


@register_check("too_old_for_home", title="Too old for the home")
def too_old_for_home(day):
    too_old = Q()
    oldest = {}
    for home_type in HomeType.objects.all():
        oldest[home_type.pk] = home_type.max_age
        too_old |= Q(
            home__home_type=home_type.pk,
            child__date_of_birth__lte=add_years(day, -(home_type.max_age + 1)),
        )
    if not oldest:
        return CheckResult()
    rows = (
        Placement.objects.active_on(day)
        .order_by()
        .filter(home__isnull=False)
        .filter(too_old)
        .values(
            *PLACEMENT_FIELDS, "child__date_of_birth", "home__home_type_id", "home__home_type__name"
        )
    )

    def describe(row):
        age = oldest[row["home__home_type_id"]] + 1
        birthday = add_years(row["child__date_of_birth"], age)
        return {
            "due": birthday,
            "key": str(age),
            "summary": (
                f"Turned {age} on {birthday:%d/%m/%Y}, older than a {row['home__home_type__name']} "
                "home takes. Plan the move on."
            ),
        }

    return placement_conditions(rows, describe)
