"""Changing carer households: approval and capacity, and outreach from a Wraparound hub.

Each function is one transaction that locks the household, checks every rule against the
children placed there and writes the audit trail.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from accounts.access import HOUSEHOLD_CREATORS, can_manage_household, has_role
from accounts.models import Role
from audit.capture import as_by
from core.conflicts import check_version
from core.dates import age_on, today
from core.intervals import peak
from placements.models import Placement

from .models import ApprovalStatus, Carer, CarerHousehold, CarerType, Outreach
from .selectors import outreach_hubs_for

APPROVAL_FIELDS = (
    "approval_status",
    "approved_on",
    "approval_ends_on",
    "last_review_on",
    "level",
    "approved_places",
    "exempt_from_usual_limit",
    "min_age",
    "max_age",
)
# A household's details, changed by its supervising social worker or an administrator; only
# an administrator changes who supervises it.
DETAIL_FIELDS = (
    "reference",
    "name",
    "carer_type",
    "agency_name",
    "postcode",
    "mockingbird_hub",
    "is_hub_carer",
    "weekly_cost",
    "supervising_social_worker",
)
CARER_FIELDS = ("first_name", "last_name", "date_of_birth", "is_main_carer", "left_on")
APPROVED = (ApprovalStatus.APPROVED, ApprovalStatus.TEMPORARY)
# Children Act 1989, Schedule 7: the usual fostering limit.
FOSTERING = (CarerType.FOSTER, CarerType.KINSHIP, CarerType.AGENCY)
USUAL_FOSTERING_LIMIT = 3
CARER_MIN_AGE = 18
# Care Planning Regulations 2010: temporary approval of a connected person for up to 16 weeks,
# extendable once by up to 8 more.
TEMPORARY_APPROVAL_MAX = datetime.timedelta(weeks=24)


def _add(errors, field, message):
    errors.setdefault(field, []).append(message)


def model_errors(instance, **full_clean_options) -> dict[str, list[str]]:
    """The model's own checks as a dict of messages, to which a service adds its rules."""
    try:
        instance.full_clean(validate_constraints=False, **full_clean_options)
    except ValidationError as exc:
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {}


def only_fields(changes, allowed) -> None:
    """A service changes only the fields it knows the rules of."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not changed here: {sorted(unknown)}")


def save_audited(instance, *, errors):
    """Refuse with every message found, or save (audit.capture writes the trail)."""
    if errors:
        raise ValidationError(errors)
    instance.save()
    return instance


def _check_approval_dates(h, errors, day):
    if h.approved_on and h.approved_on > day:
        _add(errors, "approved_on", "The approval date cannot be in the future.")
    if h.approval_status == ApprovalStatus.TEMPORARY and not h.approval_ends_on:
        _add(errors, "approval_ends_on", "Give the date temporary approval ends.")
    if h.approval_ends_on and h.approved_on:
        if h.approval_ends_on <= h.approved_on:
            _add(errors, "approval_ends_on", "Temporary approval must end after the approval date.")
        elif (
            h.approval_status == ApprovalStatus.TEMPORARY
            and h.approval_ends_on - h.approved_on > TEMPORARY_APPROVAL_MAX
        ):
            _add(
                errors,
                "approval_ends_on",
                "Temporary approval lasts at most 24 weeks (16 weeks, extended once by up to 8). "
                "Complete the full assessment to approve the household beyond that.",
            )
    if h.last_review_on:
        if h.last_review_on > day:
            _add(errors, "last_review_on", "The last annual review cannot be in the future.")
        elif h.approved_on and h.last_review_on < h.approved_on:
            _add(errors, "last_review_on", "The annual review cannot be before the approval date.")


def _check_children_still_fit(h, errors, day):
    """Places and age range may not shrink below the children placed now or booked to come."""
    stays = list(
        Placement.objects.filter(carer_id=h.pk)
        .overlapping(day, None)
        .values_list("start_date", "end_date", "child__date_of_birth")
    )
    busiest = peak(((start, end, 1) for start, end, _ in stays), day, None)
    if h.approved_places < busiest:
        _add(
            errors,
            "approved_places",
            f"{busiest} {'child is' if busiest == 1 else 'children are'} placed or booked here "
            f"at the same time. Keep at least {busiest} approved places, or move a child first.",
        )
    ages = sorted({age_on(dob, max(start, day)) for start, _, dob in stays})
    outside = [age for age in ages if not h.min_age <= age <= h.max_age]
    if outside:
        listed = ", ".join(str(age) for age in outside)
        _add(
            errors,
            "max_age" if outside[-1] > h.max_age else "min_age",
            f"Children aged {listed} are placed or booked here. The age range must include "
            f"{'that age' if len(outside) == 1 else 'those ages'}, or move the child first.",
        )


def _check_places(h, errors):
    if h.approval_status in APPROVED and h.approved_places < 1:
        _add(errors, "approved_places", "An approved household needs at least 1 approved place.")
    if (
        h.carer_type in FOSTERING
        and h.approved_places > USUAL_FOSTERING_LIMIT
        and not h.exempt_from_usual_limit
    ):
        _add(
            errors,
            "approved_places",
            f"Foster carers may care for at most {USUAL_FOSTERING_LIMIT} children at a time (the "
            "usual fostering limit), unless the council exempts the household or the children "
            "are brothers and sisters. Record the exemption, or approve fewer places.",
        )


def _check_people(h, errors):
    worker = h.supervising_social_worker
    if worker is not None and (worker.role != Role.SOCIAL_WORKER or not worker.is_active):
        _add(errors, "supervising_social_worker", "Choose a social worker from the list.")
    if h.is_hub_carer and h.mockingbird_hub_id:
        other_hub = (
            CarerHousehold.objects.filter(
                mockingbird_hub_id=h.mockingbird_hub_id, is_hub_carer=True
            )
            .exclude(pk=h.pk)
            .first()
        )
        if other_hub:
            _add(
                errors,
                "is_hub_carer",
                f"{other_hub} is already the hub carer of this constellation; a constellation "
                "has one hub carer.",
            )


def approval_errors(household) -> dict[str, list[str]]:
    """Every rule the household breaks as it stands now: its details, approval and places
    (forms and the admin ask)."""
    errors = model_errors(household)
    day = today()
    _check_approval_dates(household, errors, day)
    _check_places(household, errors)
    _check_people(household, errors)
    if household.pk and "min_age" not in errors and "max_age" not in errors:
        _check_children_still_fit(household, errors, day)
    return errors


@as_by
@transaction.atomic
def update_approval(household, *, by, expected_version, **changes) -> CarerHousehold:
    """Change a household's approval, level, places or age range: admins and its supervising SW."""
    if not can_manage_household(by, household):
        raise PermissionDenied(
            "Only an administrator or the supervising social worker can do this."
        )
    only_fields(changes, APPROVAL_FIELDS)
    locked = CarerHousehold.objects.select_for_update().get(pk=household.pk)
    check_version(locked, expected_version)
    for field, value in changes.items():
        setattr(locked, field, value)
    return save_audited(locked, errors=approval_errors(locked))


def can_record_outreach(user, hub) -> bool:
    return outreach_hubs_for(user).filter(pk=hub.pk).exists()


@as_by
@transaction.atomic
def record_outreach(*, household, hub, child, date, kind, hours=None, note="", by) -> Outreach:
    """Record support a Wraparound hub gave a foster family (a session or a respite night)."""
    if not can_record_outreach(by, hub):
        raise PermissionDenied("Only the hub's manager, a social worker or an administrator can.")
    CarerHousehold.objects.select_for_update().filter(pk=household.pk).first()
    outreach = Outreach(
        hub=hub,
        household=household,
        child=child,
        date=date,
        kind=kind,
        hours=hours,
        note=note,
        recorded_by=by,
    )
    errors = model_errors(outreach)
    if date > today():
        _add(errors, "date", "Outreach cannot be recorded for a day in the future.")
    elif not Placement.objects.filter(carer=household, child=child).active_on(date).exists():
        _add(errors, "date", f"That child was not placed with {household} on {date:%d/%m/%Y}.")
    if kind == Outreach.Kind.SESSION and not hours:
        _add(errors, "hours", "Give how many hours the outreach session lasted.")
    elif hours is not None and not 0 < hours <= 24:
        _add(errors, "hours", "Hours must be more than 0 and no more than 24.")
    return save_audited(outreach, errors=errors)


# A household's details and the carers in it ------------------------------------------------


@as_by
@transaction.atomic
def create_household(*, by, **details) -> CarerHousehold:
    """Record a household, usually while it is being assessed. A social worker who records it
    becomes its supervising social worker."""
    if not has_role(by, *HOUSEHOLD_CREATORS):
        raise PermissionDenied("Only social workers and administrators can add a household.")
    only_fields(details, DETAIL_FIELDS)
    household = CarerHousehold(**details)
    if has_role(by, Role.SOCIAL_WORKER):
        household.supervising_social_worker = by
    return save_audited(household, errors=approval_errors(household))


@as_by
@transaction.atomic
def update_household(household, *, by, expected_version, **details) -> CarerHousehold:
    if not can_manage_household(by, household):
        raise PermissionDenied("Only an administrator or the supervising social worker can.")
    only_fields(details, DETAIL_FIELDS)
    locked = CarerHousehold.objects.select_for_update().get(pk=household.pk)
    check_version(locked, expected_version)
    if (
        "supervising_social_worker" in details
        and details["supervising_social_worker"] != locked.supervising_social_worker
        and not has_role(by, Role.ADMINISTRATOR)
    ):
        raise PermissionDenied("Only an administrator can change the supervising social worker.")
    for field, value in details.items():
        setattr(locked, field, value)
    return save_audited(locked, errors=approval_errors(locked))


def carer_errors(carer, day) -> dict[str, list[str]]:
    """The model's checks, the carer's age, and that a household caring for children keeps a
    carer living there."""
    errors = model_errors(carer, exclude=["household"])
    if carer.date_of_birth and age_on(carer.date_of_birth, day) < CARER_MIN_AGE:
        _add(errors, "date_of_birth", f"A carer must be {CARER_MIN_AGE} or over.")
    if carer.left_on and carer.left_on > day:
        _add(errors, "left_on", "Record the day they left once they have left the household.")
    elif carer.left_on and carer.date_of_birth and carer.left_on <= carer.date_of_birth:
        _add(errors, "left_on", "The day they left must be after their date of birth.")
    if carer.left_on and not _another_carer_stays(carer, day):
        children = Placement.objects.filter(carer_id=carer.household_id).overlapping(day, None)
        if children.exists():
            _add(
                errors,
                "left_on",
                f"{carer.full_name} is the only carer living in the household, and children are "
                "placed or booked there. Add the carer who stays, or move the children first.",
            )
    return errors


def _another_carer_stays(carer, day) -> bool:
    others = Carer.objects.filter(household_id=carer.household_id).exclude(pk=carer.pk)
    return others.filter(Q(left_on__isnull=True) | Q(left_on__gt=day)).exists()


@as_by
@transaction.atomic
def add_carer(household, *, by, **fields) -> Carer:
    if not can_manage_household(by, household):
        raise PermissionDenied("Only an administrator or the supervising social worker can.")
    only_fields(fields, CARER_FIELDS)
    CarerHousehold.objects.select_for_update().filter(pk=household.pk).first()
    carer = Carer(household=household, **fields)
    return save_audited(carer, errors=carer_errors(carer, today()))


@as_by
@transaction.atomic
def update_carer(carer, *, by, expected_version, **fields) -> Carer:
    if not can_manage_household(by, carer.household):
        raise PermissionDenied("Only an administrator or the supervising social worker can.")
    only_fields(fields, CARER_FIELDS)
    CarerHousehold.objects.select_for_update().filter(pk=carer.household_id).first()
    locked = Carer.objects.select_for_update().get(pk=carer.pk)
    check_version(locked, expected_version)
    for field, value in fields.items():
        setattr(locked, field, value)
    return save_audited(locked, errors=carer_errors(locked, today()))
