"""Changing a care leaver's record: one transaction that refuses a stale save, checks the
leaving-care rules and writes the audit trail."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.access import (
    can_allocate_adviser,
    can_start_leaving_care,
    can_view_child,
    people_with_role,
)
from accounts.models import Role
from audit.capture import as_by
from carers.services import model_errors, only_fields, save_audited
from children.models import Child
from core import codes
from core.allocations import record_reallocation
from core.conflicts import check_version
from core.dates import today
from placements.models import Placement

from . import in_touch
from .models import Accommodation, AdviserAllocation, CareLeaver, Eligibility

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
# What the DfE's OC3 reads: a change to any of them is kept as of the day (careleavers/in_touch.py).
OC3_FIELDS = {"in_touch", "activity", "accommodation", "accommodation_suitable"}
# Care Leavers (England) Regulations 2010: a pathway plan is reviewed at least every six months.
REVIEW_INTERVAL_MONTHS = 6
STAYING_PUT_AGES = range(18, 21)  # Children Act 1989 s23CZA: until the 21st birthday
STAYING_CLOSE_BEFORE = 25  # s23CZAA: former relevant children under 25
# Children (Leaving Care) Act 2000: the ages each kind of care leaver can be, on the day
# (leaving-care support runs from 16 to the 25th birthday).
ELIGIBILITY_AGES = {
    Eligibility.ELIGIBLE: range(16, 18),
    Eligibility.RELEVANT: range(16, 18),
    Eligibility.FORMER_RELEVANT: range(18, 25),
    Eligibility.QUALIFYING: range(16, 25),
}


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
    if leaver.accommodation in codes.NEVER_SUITABLE and leaver.accommodation_suitable:
        add(
            "accommodation_suitable",
            f"“{Accommodation(leaver.accommodation).label}” is never suitable accommodation: "
            "choose no.",
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


def _check_eligibility(leaver, add, day):
    ages = ELIGIBILITY_AGES.get(leaver.eligibility)
    age = leaver.child.age_on(day)
    if ages is None or age in ages:
        return
    name = leaver.child.first_name
    if age < 16:
        message = f"Leaving-care support starts at 16; {name} is {age}."
    elif age >= 25:
        message = f"Leaving-care support ends at 25; {name} is {age}."
    else:
        message = (
            f"{leaver.get_eligibility_display()} young people are {ages.start} to "
            f"{ages.stop - 1}; {name} is {age}. Choose the eligibility that fits."
        )
    add("eligibility", message)


def adviser_choices():
    return people_with_role(Role.PERSONAL_ADVISER)


def _check_adviser(leaver, add):
    adviser = leaver.personal_adviser
    if adviser is not None and not adviser_choices().filter(pk=adviser.pk).exists():
        add("personal_adviser", "Choose a personal adviser from the list.")


def leaving_care_errors(leaver) -> dict[str, list[str]]:
    errors = model_errors(leaver, exclude=["child"])

    def add(field, message):
        errors.setdefault(field, []).append(message)

    day = today()
    _check_eligibility(leaver, add, day)
    _check_adviser(leaver, add)
    _check_pathway_plan(leaver, add, day)
    _check_support(leaver, add, day)
    return errors


@as_by
@transaction.atomic
def start_leaving_care(child, *, by, **fields) -> CareLeaver:
    """Start a young person's leaving-care record. A social worker who may see the child, or
    an administrator, starts it; only one who may allocate chooses the personal adviser."""
    if not can_start_leaving_care(by, child):
        raise PermissionDenied("You cannot start leaving-care support for this young person.")
    if fields.get("personal_adviser") and not can_allocate_adviser(by, child):
        raise PermissionDenied("Only an administrator or the social worker allocates an adviser.")
    only_fields(fields, EDITABLE_FIELDS)
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if CareLeaver.objects.filter(child=child).exists():
        raise ValidationError(f"{child.full_name} already has a leaving-care record.")
    leaver = CareLeaver(child=child, **fields)
    saved = save_audited(leaver, errors=leaving_care_errors(leaver))
    record_reallocation(
        AdviserAllocation, saved, before=None, after=saved.personal_adviser, day=today(), by=by
    )
    in_touch.remember_record(saved, by=by)
    return saved


@as_by
@transaction.atomic
def update_care_leaver(leaver, *, by, expected_version, **changes) -> CareLeaver:
    """Save changes made by someone who may see the young person, unless the record moved on."""
    if not can_view_child(by, leaver.child):
        raise PermissionDenied("You cannot change this young person's record.")
    only_fields(changes, EDITABLE_FIELDS)
    locked = CareLeaver.objects.select_for_update().select_related("child").get(pk=leaver.pk)
    check_version(locked, expected_version)
    adviser = locked.personal_adviser
    reallocating = changes.get("personal_adviser", adviser) != adviser
    if reallocating and not can_allocate_adviser(by, locked.child):
        raise PermissionDenied("Only an administrator or the social worker allocates one.")
    for field, value in changes.items():
        setattr(locked, field, value)
    saved = save_audited(locked, errors=leaving_care_errors(locked))
    record_reallocation(
        AdviserAllocation, saved, before=adviser, after=saved.personal_adviser, day=today(), by=by
    )
    if OC3_FIELDS & set(changes):
        in_touch.remember_record(saved, by=by)
    return saved
