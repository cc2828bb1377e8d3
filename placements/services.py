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

from .models import MatchingAssessment, MatchingRisk, Outcome, Placement, StayExtension
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


def _save(placement, *, action, by, before=None):
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:  # the database's own guard (PostgreSQL exclusion constraint)
        raise ValidationError(
            {"start_date": "That child already has a placement on some of those dates."}
        ) from exc
    after = audit.snapshot(placement)
    audit.record(action, placement, user=by, changes=audit.diff(before or {}, after))
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
    return _save(placement, action=action, by=by, before=before)


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
    matching: MatchingAssessment | None = None,
) -> Placement:
    """Record a new stay for a child in a home (optionally a unit in it) or with a carer.

    `matching` links the signed-off matching assessment the admission followed; it is
    optional here because imports and history need none (see place_child_after_matching).
    """
    if matching is not None:
        _check_matching_fits(matching, child=child, home=home)
    placement = Placement(
        matching=matching,
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
    return _save(placement, action=AuditEvent.Action.UPDATE, by=by, before=before)


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
    return _save(placement, action=AuditEvent.Action.UPDATE, by=by, before=before)


@transaction.atomic
def correct_placement(placement: Placement, *, reason: str, by) -> Placement:
    """Mark a placement recorded by mistake. It stays in the history but no longer counts."""
    if not reason.strip():
        raise ValidationError({"correction_reason": "Say why the placement was recorded in error."})
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    before = audit.snapshot(placement)
    placement.entered_in_error = True
    placement.correction_reason = reason
    return _save(placement, action=AuditEvent.Action.UPDATE, by=by, before=before)


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


# Matching. An admission to a home recorded through the application must follow a signed-off
# matching assessment of that child for that home (place_child_after_matching). The ledger's
# own place_child takes it as optional, so imports, history and demo data are not blocked.


def _check_matching_fits(matching, *, child, home) -> None:
    if matching.child_id != child.pk or home is None or matching.home_id != home.pk:
        raise ValidationError({"home": "That matching assessment is for another child or home."})
    if not matching.allows_admission:
        raise ValidationError(
            {
                "home": f"The manager of {home} decided not to admit {child.full_name}; "
                "search vacancies for another home."
            }
        )


def signed_off_matching(child: Child, home: Home) -> MatchingAssessment:
    """The latest signed-off matching assessment of the child for the home, or a message."""
    matching = (
        MatchingAssessment.objects.filter(child=child, home=home).order_by("-signed_off_at").first()
    )
    if matching is None:
        raise ValidationError(
            {
                "home": f"Ask the manager of {home} to record and sign off a matching assessment "
                f"for {child.full_name} before recording the placement."
            }
        )
    _check_matching_fits(matching, child=child, home=home)
    return matching


def place_child_after_matching(*, child: Child, home: Home | None = None, **placement):
    """The application's path to a new placement: a home needs a signed-off matching first."""
    matching = signed_off_matching(child, home) if home is not None else None
    return place_child(child=child, home=home, matching=matching, **placement)


def residents_on(home: Home, day: datetime.date):
    """The children living in the home on the day, the ones a matching assessment weighs."""
    return Child.objects.filter(
        pk__in=Placement.objects.filter(home=home).active_on(day).values("child_id")
    ).order_by("first_name", "last_name")


@transaction.atomic
def record_matching(
    *,
    child: Child,
    home: Home,
    proposed_start: datetime.date,
    decision: str,
    summary: str,
    risks: list[tuple[Child, str, str]],
    by,
) -> MatchingAssessment:
    """Record and sign off a matching assessment: one (resident, level, note) for every child
    living in the home on the proposed start date."""
    from accounts.access import homes_managed_by

    if not homes_managed_by(by).filter(pk=home.pk).exists():
        raise PermissionDenied("Only the home's manager can sign off its matching assessments.")
    Home.objects.select_for_update().filter(pk=home.pk).first()
    if not summary.strip():
        raise ValidationError({"summary": "Summarise why the admission can or cannot go ahead."})
    expected = set(residents_on(home, proposed_start).values_list("pk", flat=True))
    assessed = {resident.pk for resident, _, _ in risks}
    if child.pk in expected:
        raise ValidationError({"child": f"{child.full_name} already lives at {home}."})
    if assessed != expected:
        raise ValidationError(
            "The children living in the home changed while you were assessing; "
            "assess the impact on each child listed now."
        )
    assessment = MatchingAssessment.objects.create(
        child=child,
        home=home,
        proposed_start=proposed_start,
        decision=decision,
        summary=summary,
        signed_off_by=by,
        signed_off_at=timezone.now(),
    )
    MatchingRisk.objects.bulk_create(
        MatchingRisk(assessment=assessment, resident=resident, level=level, note=note)
        for resident, level, note in risks
    )
    audit.record(
        AuditEvent.Action.CREATE,
        assessment,
        user=by,
        changes=audit.diff({}, audit.snapshot(assessment)),
    )
    return assessment


def move_child_after_matching(placement: Placement, *, home: Home | None = None, **move):
    """The application's path to a move: a move into a home needs a signed-off matching."""
    matching = signed_off_matching(placement.child, home) if home is not None else None
    return move_child(placement, home=home, matching=matching, **move)


@transaction.atomic
def change_planned_end_from_version(
    placement: Placement, *, version, planned_end_date: datetime.date, by
) -> Placement:
    """Change the planned end only if nobody saved the placement since `version` was read;
    otherwise raise core.conflicts.EditConflict carrying the placement as saved now."""
    from core.conflicts import check_version

    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    check_version(locked, version)
    return change_planned_end(locked, planned_end_date=planned_end_date, by=by)
