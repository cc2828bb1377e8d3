"""Writing placements. Each function is one transaction that locks the rows the rules read
(the child, then the home or carer household), checks every rule and writes the audit trail,
so two people booking the last bed at the same moment cannot both succeed.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit import services as audit
from audit.models import AuditEvent
from carers.models import CarerHousehold, CarerType
from children.models import Child
from core import codes, postcodes
from core.dates import today
from homes.models import Home

from .models import Outcome, Placement, StayExtension
from .rules import check_placement

# What a stay usually is for the DfE return, when the person recording it does not say.
_CARER_PLACEMENT_TYPE = {
    CarerType.FOSTER: codes.PlacementType.U6,
    CarerType.KINSHIP: codes.PlacementType.U3,
    CarerType.SUPPORTED_LODGINGS: codes.PlacementType.K3,
    CarerType.AGENCY: codes.PlacementType.U6,
}
# Where a child went next, read from the place they moved to.
_CARER_OUTCOME = {
    CarerType.FOSTER: Outcome.FOSTER_CARE,
    CarerType.AGENCY: Outcome.FOSTER_CARE,
    CarerType.KINSHIP: Outcome.KINSHIP,
    CarerType.SUPPORTED_LODGINGS: Outcome.INDEPENDENCE,
}


def default_codes(*, home=None, carer=None) -> dict:
    """The SSDA903 placement type and provider a home or household implies."""
    if home is not None:
        secure = home.home_type.code == "secure"
        return {
            "placement_type": codes.PlacementType.K1 if secure else codes.PlacementType.K2,
            "provider": codes.PlacementProvider.PR4
            if home.is_external
            else codes.PlacementProvider.PR1,
        }
    return {
        "placement_type": _CARER_PLACEMENT_TYPE[carer.carer_type],
        "provider": codes.PlacementProvider.PR4
        if carer.carer_type == CarerType.AGENCY
        else codes.PlacementProvider.PR1,
    }


def _lock(child, home, carer):
    """Lock in a fixed order (child, then place) so concurrent bookings queue, not deadlock."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if home is not None:
        Home.objects.select_for_update().filter(pk=home.pk).first()
    if carer is not None:
        CarerHousehold.objects.select_for_update().filter(pk=carer.pk).first()


def _fill_derived(placement):
    """Postcode, URN, cost and distance come from the place and the child's home postcode."""
    where = placement.home or placement.carer
    placement.placement_postcode = postcodes.normalise(where.postcode)
    placement.urn = placement.home.ofsted_urn if placement.home else ""
    if not placement.weekly_cost:
        placement.weekly_cost = where.weekly_cost or Decimal("0")
    miles = postcodes.distance_miles(placement.child.home_postcode, placement.placement_postcode)
    placement.distance_miles = None if miles is None else Decimal(str(miles))
    area = postcodes.council_area(placement.placement_postcode)
    placement.outside_council_area = area is not None and area != settings.COUNCIL_LA_CODE


def _save(placement, *, action, before=None):
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:  # the database's own guard (PostgreSQL exclusion constraint)
        raise ValidationError(
            {"start_date": "That child already has a placement on some of those dates."}
        ) from exc
    after = audit.snapshot(placement)
    audit.record(action, placement, changes=audit.diff(before or {}, after))
    return placement


@transaction.atomic
def save_placement(placement: Placement, *, by) -> Placement:
    """Save a new or edited placement under the rules: the one path every writer goes through."""
    _lock(placement.child, placement.home, placement.carer)
    before = {}
    if placement.pk:
        before = audit.snapshot(Placement.objects.get(pk=placement.pk))
    elif by is not None and placement.created_by_id is None:
        placement.created_by = by
    if placement.home or placement.carer:
        for field, value in default_codes(home=placement.home, carer=placement.carer).items():
            if not getattr(placement, field):
                setattr(placement, field, value)
    check_placement(placement)
    _fill_derived(placement)
    placement.full_clean(
        exclude=["child", "home", "unit", "carer", "created_by"], validate_constraints=False
    )
    action = AuditEvent.Action.UPDATE if placement.pk else AuditEvent.Action.CREATE
    return _save(placement, action=action, before=before)


def place_child(
    *,
    child: Child,
    start_date: datetime.date,
    by,
    home: Home | None = None,
    unit=None,
    carer: CarerHousehold | None = None,
    planned_end_date: datetime.date | None = None,
    legal_status: str,
    reason_new_episode: str = codes.ReasonNewEpisode.P,
    placement_type: str = "",
    provider: str = "",
    purpose: str = "",
    is_short_break: bool = False,
    weekly_cost: Decimal | None = None,
) -> Placement:
    """Record a new stay for a child in a home (optionally a unit in it) or with a carer."""
    placement = Placement(
        child=child,
        home=home,
        unit=unit,
        carer=carer,
        start_date=start_date,
        planned_end_date=planned_end_date,
        legal_status=legal_status,
        reason_new_episode=reason_new_episode,
        placement_type=placement_type,
        provider=provider,
        purpose=purpose,
        is_short_break=is_short_break,
        weekly_cost=weekly_cost or Decimal("0"),
    )
    return save_placement(placement, by=by)


@transaction.atomic
def end_placement(
    placement: Placement,
    *,
    end_date: datetime.date,
    outcome: str,
    reason_episode_ceased: str,
    reason_placement_change: str = "",
    by,
) -> Placement:
    """Record that the child left: the day, where they went and why."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.is_open:
        raise ValidationError("This placement has already ended.")
    if end_date > today():
        raise ValidationError({"end_date": "The end date cannot be in the future."})
    before = audit.snapshot(placement)
    placement.end_date = end_date
    placement.outcome = outcome
    placement.reason_episode_ceased = reason_episode_ceased
    placement.reason_placement_change = reason_placement_change
    check_placement(placement)
    return _save(placement, action=AuditEvent.Action.UPDATE, before=before)


@transaction.atomic
def move_child(
    placement: Placement,
    *,
    move_date: datetime.date,
    reason_placement_change: str,
    by,
    home: Home | None = None,
    unit=None,
    carer: CarerHousehold | None = None,
    **new_placement,
) -> Placement:
    """End the current stay and start the next on the same day, or neither."""
    outcome = Outcome.ANOTHER_HOME if home is not None else _CARER_OUTCOME[carer.carer_type]
    end_placement(
        placement,
        end_date=move_date,
        outcome=outcome,
        reason_episode_ceased=codes.ReasonEpisodeCeased.X1,
        reason_placement_change=reason_placement_change,
        by=by,
    )
    new_placement.setdefault("legal_status", placement.legal_status)
    return place_child(
        child=placement.child,
        start_date=move_date,
        home=home,
        unit=unit,
        carer=carer,
        by=by,
        reason_new_episode=codes.ReasonNewEpisode.P,
        **new_placement,
    )


@transaction.atomic
def change_planned_end(placement: Placement, *, planned_end_date: datetime.date, by) -> Placement:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    before = audit.snapshot(placement)
    placement.planned_end_date = planned_end_date
    check_placement(placement)
    return _save(placement, action=AuditEvent.Action.UPDATE, before=before)


@transaction.atomic
def correct_placement(placement: Placement, *, reason: str, by) -> Placement:
    """Mark a placement recorded by mistake. It stays in the history but no longer counts."""
    if not reason.strip():
        raise ValidationError({"correction_reason": "Say why the placement was recorded in error."})
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    before = audit.snapshot(placement)
    placement.entered_in_error = True
    placement.correction_reason = reason
    return _save(placement, action=AuditEvent.Action.UPDATE, before=before)


@transaction.atomic
def request_extension(
    placement: Placement, *, extend_to: datetime.date, reason: str, by
) -> StayExtension:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the young person needs to stay longer."})
    if extend_to <= (placement.planned_end_date or placement.start_date):
        raise ValidationError({"extend_to": "The new end date must be later than the planned end."})
    extension = StayExtension.objects.create(
        placement=placement, extend_to=extend_to, reason=reason, requested_by=by
    )
    audit.record(
        AuditEvent.Action.CREATE, extension, user=by, changes={"extend_to": [None, str(extend_to)]}
    )
    return extension


def can_decide_extensions(user) -> bool:
    return bool(user and user.is_authenticated and user.is_administrator)


@transaction.atomic
def decide_extension(extension: StayExtension, *, authorise: bool, note: str, by) -> StayExtension:
    """A head of service authorises or refuses; an authorised extension moves the planned end."""
    if not can_decide_extensions(by):
        raise PermissionDenied("Only a head of service can authorise a stay extension.")
    extension = StayExtension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != StayExtension.Status.REQUESTED:
        raise ValidationError("This extension has already been decided.")
    if authorise and not note.strip():
        raise ValidationError({"decision_note": "Record the reason for authorising the extension."})
    extension.status = (
        StayExtension.Status.AUTHORISED if authorise else StayExtension.Status.REFUSED
    )
    extension.decided_by = by
    extension.decided_at = timezone.now()
    extension.decision_note = note
    extension.save()
    audit.record(
        AuditEvent.Action.UPDATE,
        extension,
        user=by,
        changes={"status": ["requested", extension.status]},
    )
    if authorise:
        change_planned_end(extension.placement, planned_end_date=extension.extend_to, by=by)
    return extension
