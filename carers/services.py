"""Changing carer households: approval and capacity, and outreach from a Wraparound hub.

Each function is one transaction that locks the household, checks every rule against the
children placed there and writes the audit trail.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.access import has_role
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from core.conflicts import check_version
from core.dates import age_on, today
from core.intervals import peak
from placements.models import Placement

from .models import ApprovalStatus, CarerHousehold, Outreach
from .selectors import outreach_hubs_for

APPROVAL_FIELDS = (
    "approval_status",
    "approved_on",
    "approval_ends_on",
    "last_review_on",
    "level",
    "approved_places",
    "min_age",
    "max_age",
)
# Care Planning Regulations 2010: temporary approval of a connected person for up to 16 weeks,
# extendable once by up to 8 more.
TEMPORARY_APPROVAL_MAX = datetime.timedelta(weeks=24)


def can_change_approval(user, household) -> bool:
    if has_role(user, Role.ADMINISTRATOR):
        return True
    return has_role(user, Role.SOCIAL_WORKER) and household.supervising_social_worker_id == user.pk


def _add(errors, field, message):
    errors.setdefault(field, []).append(message)


def model_errors(instance, **full_clean_options) -> dict[str, list[str]]:
    """The model's own checks as a dict of messages, to which a service adds its rules."""
    try:
        instance.full_clean(validate_constraints=False, **full_clean_options)
    except ValidationError as exc:
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {}


def save_audited(instance, *, errors, before, action, by):
    """Refuse with every message found, or save and write what changed to the audit trail."""
    if errors:
        raise ValidationError(errors)
    instance.save()
    audit.record(action, instance, user=by, changes=audit.diff(before, audit.snapshot(instance)))
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


def approval_errors(household) -> dict[str, list[str]]:
    """Every approval rule the household breaks as it stands now (forms and the admin ask)."""
    errors = model_errors(household)
    day = today()
    _check_approval_dates(household, errors, day)
    if household.pk and "min_age" not in errors and "max_age" not in errors:
        _check_children_still_fit(household, errors, day)
    return errors


@transaction.atomic
def update_approval(household, *, by, expected_version, **changes) -> CarerHousehold:
    """Change a household's approval, level, places or age range: admins and its supervising SW."""
    if not can_change_approval(by, household):
        raise PermissionDenied(
            "Only an administrator or the supervising social worker can do this."
        )
    unknown = set(changes) - set(APPROVAL_FIELDS)
    if unknown:
        raise ValueError(f"Not approval fields: {sorted(unknown)}")
    locked = CarerHousehold.objects.select_for_update().get(pk=household.pk)
    check_version(locked, expected_version)
    before = audit.snapshot(locked)
    for field, value in changes.items():
        setattr(locked, field, value)
    return save_audited(
        locked, errors=approval_errors(locked), before=before, action=AuditEvent.Action.UPDATE, by=by
    )


def can_record_outreach(user, hub) -> bool:
    return outreach_hubs_for(user).filter(pk=hub.pk).exists()


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
    return save_audited(outreach, errors=errors, before={}, action=AuditEvent.Action.CREATE, by=by)
