"""Changing a care leaver's record: one transaction that refuses a stale save, checks the
leaving-care rules and writes the audit trail."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.access import can_view_child
from audit import services as audit
from audit.models import AuditEvent
from carers.services import model_errors, save_audited
from core.conflicts import check_version
from core.dates import today
from placements.models import Placement

from .models import Accommodation, CareLeaver

EDITABLE_FIELDS = (
    "eligibility",
    "personal_adviser",
    "pathway_plan_date",
    "pathway_plan_review_due",
    "activity",
    "accommodation",
    "accommodation_suitable",
    "in_touch",
    "staying_put",
    "staying_close",
    "interdependence_stage",
)
# Care Leavers (England) Regulations 2010: a pathway plan is reviewed at least every six months.
REVIEW_INTERVAL_MONTHS = 6
STAYING_PUT_AGES = range(18, 21)  # Children Act 1989 s23CZA: until the 21st birthday
STAYING_CLOSE_BEFORE = 25  # s23CZAA: former relevant children under 25


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _check_pathway_plan(leaver, add, day):
    plan, due = leaver.pathway_plan_date, leaver.pathway_plan_review_due
    if plan and plan > day:
        add("pathway_plan_date", "The pathway plan date cannot be in the future.")
    if plan and plan < leaver.child.date_of_birth:
        add("pathway_plan_date", "The pathway plan date cannot be before the date of birth.")
    if not due:
        return
    if plan and due <= plan:
        add("pathway_plan_review_due", "The review must be due after the pathway plan date.")
    latest = months_after(plan or day, REVIEW_INTERVAL_MONTHS)
    if due > latest:
        add(
            "pathway_plan_review_due",
            f"A pathway plan is reviewed at least every six months: the review is due by "
            f"{latest:%d/%m/%Y}.",
        )


def _check_support(leaver, add, day):
    age = leaver.child.age_on(day)
    name = leaver.child.first_name
    if leaver.staying_put and age not in STAYING_PUT_AGES:
        add(
            "staying_put",
            f"Staying Put is for young people aged 18 to 20 (until their 21st birthday); "
            f"{name} is {age}.",
        )
    if leaver.staying_put and leaver.accommodation != Accommodation.Z:
        add(
            "accommodation",
            "A young person Staying Put lives with their former foster carers: choose "
            f"“{Accommodation.Z.label}”, or untick Staying Put.",
        )
    if leaver.staying_close and age >= STAYING_CLOSE_BEFORE:
        add(
            "staying_close", f"Staying Close support is for young people under 25; {name} is {age}."
        )
    if leaver.interdependence_stage and not (
        Placement.objects.live()
        .filter(child=leaver.child, home__home_type__has_linked_units=True)
        .exists()
    ):
        add(
            "interdependence_stage",
            f"The interdependence stages are for young people who live or lived in a home with "
            f"a trainer flat and linked houses; {name} has no placement in one. Record the "
            "placement first, or leave the stage blank.",
        )


@transaction.atomic
def update_care_leaver(leaver, *, by, expected_version, **changes) -> CareLeaver:
    """Save changes made by someone who may see the young person, unless the record moved on."""
    if not can_view_child(by, leaver.child):
        raise PermissionDenied("You cannot change this young person's record.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    locked = CareLeaver.objects.select_for_update().select_related("child").get(pk=leaver.pk)
    check_version(locked, expected_version)
    before = audit.snapshot(locked)
    for field, value in changes.items():
        setattr(locked, field, value)
    errors = model_errors(locked, exclude=["child"])

    def add(field, message):
        errors.setdefault(field, []).append(message)

    day = today()
    _check_pathway_plan(locked, add, day)
    _check_support(locked, add, day)
    return save_audited(
        locked, errors=errors, before=before, action=AuditEvent.Action.UPDATE, by=by
    )
