"""Previous permanence on a new period of care (903 PrevPerm), and decisions that a child
should be placed for adoption, with the adopters once adopted (903 PlacedAdoption and AD1).
Each is checked against the child's periods of care in the ledger, on every write path."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.capture import as_by
from children.models import Child
from core import codes
from core.dates import today

from .models import AdoptionDecision, Placement, PreviousPermanence

Perm = codes.PreviousPermanence
ADOPTED = ("E11", "E12")
# Adopters' legal status and the sexes it allows (DfE rules 511-524).
COUPLES = {
    "L0": {"M1", "F1"},
    "L11": {"MF"},
    "L12": {"MM", "FF"},
    "L2": {"MM", "FF", "MF"},
    "L3": {"MF"},
    "L4": {"MM", "FF"},
}


def period_start(child, on: datetime.date | None = None):
    """The first day of the child's period of care in force on `on` (default: the latest):
    the start of the stay that no stay ends on the day before. None if never looked after."""
    stays = list(
        Placement.objects.live()
        .filter(child=child, **({"start_date__lte": on} if on else {}))
        .order_by("-start_date")
        .values_list("start_date", "end_date")
    )
    if not stays or (on is not None and stays[0][1] is not None and stays[0][1] <= on):
        return None  # never looked after, or not on that day
    start = stays[0][0]
    for earlier_start, earlier_end in stays[1:]:
        if earlier_end != start:
            break
        start = earlier_start
    return start


def check_previous_permanence(
    child, *, order, order_council="", order_date=None, care_started_on=None
) -> datetime.date:
    """Raise ValidationError unless it can be recorded; else the period of care it belongs to
    (the latest, or the one beginning on `care_started_on`, for imports of past years)."""
    started = period_start(child, care_started_on)
    errors = {}
    if started is None or (care_started_on and started != care_started_on):
        raise ValidationError(
            f"{child.full_name} has no period of care beginning then to record it for."
            if care_started_on
            else f"{child.full_name} has no period of care to record it for."
        )
    if order == Perm.Z1 and (order_council or order_date):
        errors["order"] = "With no previous permanence order, leave the council and date blank."
    if order_council and order_council.upper() not in codes.PREVIOUS_PERMANENCE_LA_CODES:
        errors["order_council"] = "Enter the council's DfE code, like 383, or WAL, SCO, NIR, NUK."
    if order_date and not child.date_of_birth <= order_date < started:
        errors["order_date"] = (
            f"The order was made after {child.first_name} was born and before this period of "
            f"care began on {started:%d/%m/%Y}."
        )
    if errors:
        raise ValidationError(errors)
    return started


@as_by
@transaction.atomic
def record_previous_permanence(
    *, child, order, order_council="", order_date=None, care_started_on=None, by
):
    """Record (or correct) previous permanence for the child's latest period of care, or the
    one beginning on `care_started_on`."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    started = check_previous_permanence(
        child,
        order=order,
        order_council=order_council,
        order_date=order_date,
        care_started_on=care_started_on,
    )
    record = PreviousPermanence.objects.filter(child=child, care_started_on=started).first()
    record = record or PreviousPermanence(child=child, care_started_on=started)
    record.order, record.order_council, record.order_date = order, order_council.upper(), order_date
    record.save()
    return record


def adoption_errors(decision) -> dict:
    """Every rule a decision to place for adoption breaks, by field."""
    d, errors = decision, {}
    started = period_start(d.child, d.decided_on)
    if d.decided_on > today():
        errors["decided_on"] = "The date of the decision must be today or in the past."
    elif started is None:
        errors["decided_on"] = (
            f"{d.child.first_name} was not looked after then: the decision is made during a "
            "period of care."
        )
    if d.matched_on and d.matched_on < d.decided_on:
        errors["matched_on"] = "The match comes on or after the decision to place for adoption."
    if bool(d.ceased_on) != bool(d.ceased_reason):
        errors["ceased_reason" if d.ceased_on else "ceased_on"] = (
            "Give both the date the decision ended and why, or neither."
        )
    if d.ceased_on and d.ceased_on < d.decided_on:
        errors["ceased_on"] = "The decision ends on or after the day it was made."
    if d.ceased_reason in ADOPTED:
        for field in ("matched_on", "by_foster_carer", "adopters", "adopters_sex",
                      "adopters_legal_status"):  # fmt: skip
            if getattr(d, field) in (None, ""):
                label = AdoptionDecision._meta.get_field(field).verbose_name.lower()
                errors.setdefault(field, f"An adopted child's return needs the {label}.")
    if d.adopters and d.adopters_sex and (d.adopters == 1) != (d.adopters_sex in {"M1", "F1"}):
        errors["adopters_sex"] = "The adopters' sex does not match the number of adopters."
    status = d.adopters_legal_status
    if status and d.adopters_sex and d.adopters_sex not in COUPLES[status]:
        errors["adopters_legal_status"] = (
            "The adopters' legal status does not match their number and sex."
        )
    clash = AdoptionDecision.objects.filter(child=d.child, ceased_on__isnull=True).exclude(pk=d.pk)
    if d.pk is None and clash.exists():
        errors["decided_on"] = "An earlier decision is still open: record how it ended first."
    return errors


@as_by
@transaction.atomic
def save_adoption_decision(decision: AdoptionDecision, *, by) -> AdoptionDecision:
    """Record a decision that the child should be placed for adoption, or what became of it."""
    Child.objects.select_for_update().filter(pk=decision.child_id).first()
    errors = adoption_errors(decision)
    if errors:
        raise ValidationError(errors)
    decision.save()
    return decision
