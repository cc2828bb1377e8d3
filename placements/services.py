"""Writing placements and bed blocks. Each function is one transaction that locks the rows the
rules read (the child, then the home or carer household), checks every rule and writes the
audit trail, so two people booking the last bed at the same moment cannot both succeed.
"""

import copy
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audit import capture as audit
from audit.capture import as_by
from carers.models import CarerHousehold, CarerType
from children.models import Child
from core import codes, postcodes
from core.dates import today
from homes.models import Home

from . import legal_status as statuses
from .episodes import State, previous_state, reason_new_episode
from .models import MatchingAssessment, MatchRequest, Outcome, Placement, StayExtension
from .rules import check_placement
from .signals import match_request_changed
from .type_rules import default_codes, place_urn_and_postcode

_ELSEWHERE_OUTCOME = {
    codes.PlacementType.P1: Outcome.RETURNED_HOME,
    codes.PlacementType.R5: Outcome.CUSTODY,
    **dict.fromkeys(codes.ADOPTION_PLACEMENTS, Outcome.PERMANENCE),
}
# Where a child went next, read from the place they moved to.
_CARER_OUTCOME = {
    CarerType.FOSTER: Outcome.FOSTER_CARE,
    CarerType.AGENCY: Outcome.FOSTER_CARE,
    CarerType.KINSHIP: Outcome.KINSHIP,
    CarerType.SUPPORTED_LODGINGS: Outcome.INDEPENDENCE,
}


def _lock(child, home, carer):
    """Lock in a fixed order (child, then place) so concurrent bookings queue, not deadlock."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if home is not None:
        Home.objects.select_for_update().filter(pk=home.pk).first()
    if carer is not None:
        CarerHousehold.objects.select_for_update().filter(pk=carer.pk).first()


def _fill_derived(placement):
    """Postcode, URN, cost and distance come from the place and the family's home postcode.
    A type without a URN (rule 222) carries none, even when the home or household has one."""
    urn, postcode = place_urn_and_postcode(placement)
    placement.placement_postcode = postcodes.normalise(postcode)
    known_place = placement.home_id or placement.carer_id
    placement.urn = (
        "" if known_place and placement.placement_type in codes.NO_URN_PLACEMENTS else urn
    )
    placement.home_postcode = postcodes.normalise(
        placement.home_postcode or placement.child.home_postcode
    )
    where = placement.home or placement.carer
    if not placement.weekly_cost and where is not None:
        placement.weekly_cost = where.weekly_cost or Decimal("0")
    miles = postcodes.distance_miles(placement.home_postcode, placement.placement_postcode)
    placement.distance_miles = None if miles is None else Decimal(str(miles))
    area = postcodes.council_area(placement.placement_postcode)
    placement.outside_council_area = area is not None and area != settings.COUNCIL_LA_CODE


def _save(placement):
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:  # the database's own guard (PostgreSQL exclusion constraint)
        raise ValidationError(
            {"start_date": "That child already has a placement on some of those dates."}
        ) from exc
    if placement.end_date or placement.entered_in_error:
        close_extensions_left_behind(Placement.objects.filter(pk=placement.pk), on=today())
    return placement


def _agreed_match(placement) -> MatchRequest | None:
    """The agreed match request a new stay in a home follows, whichever way it is recorded."""
    if placement.pk or not placement.home_id:
        return None
    agreed = (
        MatchRequest.objects.select_for_update()
        .filter(child_id=placement.child_id, home_id=placement.home_id)
        .filter(status=MatchRequest.Status.AGREED)
        .first()
    )
    if agreed is not None and placement.matching_id in (None, agreed.assessment_id):
        placement.matching_id = agreed.assessment_id
        return agreed
    return None


def _record_match_move(match: MatchRequest, status, *, placement, by) -> None:
    """A match request placed by a new stay, or agreed again when that stay was recorded in
    error: audited and announced like every move of a request."""
    match.move_to(status)
    match.placement = placement
    match.save()
    match_request_changed.send(MatchRequest, match_request=match, by=by)


@as_by
@transaction.atomic
def save_placement(placement: Placement, *, by) -> Placement:
    """Save a new or edited placement under the rules: the one path every writer goes through."""
    _lock(placement.child, placement.home, placement.carer)
    if not placement.pk and by is not None and placement.created_by_id is None:
        placement.created_by = by
    agreed = _agreed_match(placement)
    if placement.home or placement.carer:
        for field, value in default_codes(home=placement.home, carer=placement.carer).items():
            if not getattr(placement, field) and not (
                field == "provider" and placement.placement_type in codes.NO_PROVIDER_PLACEMENTS
            ):
                setattr(placement, field, value)
    _fill_derived(placement)
    check_placement(placement)
    if not placement.pk:
        placement.reason_new_episode = (
            reason_new_episode(
                previous_state(placement.child, placement.start_date), State.of(placement)
            )
            or ""
        )
    placement.full_clean(
        exclude=["child", "home", "unit", "carer", "created_by"], validate_constraints=False
    )
    saved = _save(placement)
    statuses.keep_history(saved)
    if agreed is not None:
        _record_match_move(agreed, MatchRequest.Status.PLACED, placement=saved, by=by)
    return saved


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
    placement_type: str = "",
    provider: str = "",
    provider_name: str = "",
    placement_postcode: str = "",
    urn: str = "",
    home_postcode: str = "",
    purpose: str = "",
    is_short_break: bool = False,
    weekly_cost: Decimal | None = None,
    matching: MatchingAssessment | None = None,
) -> Placement:
    """Record a new stay for a child in a home (optionally a unit in it), with a carer
    household, or elsewhere (`provider_name`, `placement_postcode`, `urn`: a hospital, parents,
    a young offender institution). The reason for the new 903 episode is worked out.

    `matching` links the signed-off matching assessment the admission followed; it is
    optional here because imports and history need none (see place_child_after_matching).
    """
    if matching is not None:
        check_matching_fits(matching, child=child, home=home)
    placement = Placement(
        matching=matching,
        child=child,
        home=home,
        unit=unit,
        carer=carer,
        start_date=start_date,
        planned_end_date=planned_end_date,
        legal_status=legal_status,
        placement_type=placement_type,
        provider=provider,
        provider_name=provider_name.strip(),
        placement_postcode=placement_postcode,
        urn=urn.strip().upper(),
        home_postcode=home_postcode,
        purpose=purpose,
        is_short_break=is_short_break,
        weekly_cost=weekly_cost or Decimal("0"),
    )
    return save_placement(placement, by=by)


def _ended(
    placement: Placement,
    *,
    end_date: datetime.date,
    outcome: str,
    reason_episode_ceased: str,
    reason_placement_change: str = "",
) -> Placement:
    """The stay with its end recorded, once every rule allows it (nothing is saved)."""
    if not placement.is_open:
        raise ValidationError("This placement has already ended.")
    if end_date <= placement.start_date:
        raise ValidationError(
            {
                "end_date": "The end date must be after the placement started on "
                f"{placement.start_date:%d/%m/%Y}."
            }
        )
    placement.end_date = end_date
    placement.outcome = outcome
    placement.reason_episode_ceased = reason_episode_ceased
    placement.reason_placement_change = reason_placement_change
    check_placement(placement)
    return placement


def check_end(placement: Placement, **answers) -> None:
    """Raise ValidationError if the stay could not end as answered (check-your-answers)."""
    _ended(copy.copy(placement), **answers)


@as_by
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
    """Record the day the child left or will leave (a planned end: the stay counts until
    then), where they went and why."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _ended(
        placement,
        end_date=end_date,
        outcome=outcome,
        reason_episode_ceased=reason_episode_ceased,
        reason_placement_change=reason_placement_change,
    )
    saved = _save(placement)
    statuses.keep_history(saved)
    return saved


@as_by
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
    """End the current stay and start the next on the same day, or neither. The new stay may
    change the placement type, provider and legal status (by default the status in force on
    the move date); the reason for the new 903 episode follows from what changed."""
    if home is not None:
        outcome = Outcome.ANOTHER_HOME
    elif carer is not None:
        outcome = _CARER_OUTCOME[carer.carer_type]
    else:
        outcome = _ELSEWHERE_OUTCOME.get(new_placement.get("placement_type"), Outcome.OTHER)
    in_force = statuses.status_on(placement.child, move_date - datetime.timedelta(days=1))
    if not new_placement.get("legal_status"):
        new_placement["legal_status"] = (
            in_force.legal_status if in_force else placement.legal_status
        )
    end_placement(
        placement,
        end_date=move_date,
        outcome=outcome,
        reason_episode_ceased=codes.ReasonEpisodeCeased.X1,
        reason_placement_change=reason_placement_change,
        by=by,
    )
    return place_child(
        child=placement.child,
        start_date=move_date,
        home=home,
        unit=unit,
        carer=carer,
        by=by,
        **new_placement,
    )


@as_by
@transaction.atomic
def change_planned_end(placement: Placement, *, planned_end_date: datetime.date, by) -> Placement:
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    placement.planned_end_date = planned_end_date
    check_placement(placement)
    return _save(placement)


@as_by
@transaction.atomic
def correct_placement(placement: Placement, *, reason: str, by) -> Placement:
    """Mark a placement recorded by mistake. It stays in the history but no longer counts."""
    if not reason.strip():
        raise ValidationError({"correction_reason": "Say why the placement was recorded in error."})
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    placement.entered_in_error = True
    placement.correction_reason = reason
    _save(placement)
    followed = MatchRequest.objects.filter(placement=placement, status=MatchRequest.Status.PLACED)
    for match in followed.select_for_update():  # the match stands: the child can still go
        _record_match_move(match, MatchRequest.Status.AGREED, placement=None, by=by)
    return placement


@as_by
@transaction.atomic
def cancel_planned_leaving(placement: Placement, *, reason: str, by) -> Placement:
    """Undo a move or end recorded for a day still to come: the stay runs on as before, and
    the stay a planned move would have started is kept as recorded in error."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if not placement.leaving_planned(today()):
        raise ValidationError("Only a move or end that has not happened yet can be cancelled.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the planned move or end is cancelled"})
    following = Placement.objects.live().filter(
        child_id=placement.child_id, start_date=placement.end_date
    )
    next_stay = following.first()
    if next_stay is not None:
        if next_stay.end_date is not None:
            raise ValidationError(
                f"The next placement, at {next_stay.location}, has its own end recorded. "
                "Cancel that first."
            )
        correct_placement(next_stay, reason=f"Planned move cancelled: {reason}", by=by)
    planned_for = placement.end_date
    placement.end_date = None
    placement.outcome = placement.reason_episode_ceased = placement.reason_placement_change = ""
    check_placement(placement)
    saved = _save(placement)
    statuses.forget_planned(saved, on=planned_for)
    return saved


@as_by
@transaction.atomic
def request_extension(
    placement: Placement, *, extend_to: datetime.date, reason: str, by
) -> StayExtension:
    placement = Placement.objects.select_for_update().select_related("child").get(pk=placement.pk)
    errors = {}
    if placement.entered_in_error or (placement.end_date and placement.end_date <= today()):
        raise ValidationError(
            f"{placement.child.full_name} has left this placement, so it cannot be extended."
        )
    if not reason.strip():
        errors["reason"] = "Enter why the young person needs to stay longer"
    if extend_to <= (placement.planned_end_date or placement.start_date):
        errors["extend_to"] = "The date to stay until must be later than the planned end date"
    if errors:
        raise ValidationError(errors)
    extension = StayExtension.objects.create(
        placement=placement, extend_to=extend_to, reason=reason, requested_by=by
    )
    return extension


def can_decide_extensions(user) -> bool:
    return bool(user and user.is_authenticated and user.is_administrator)


@as_by
@transaction.atomic
def decide_extension(extension: StayExtension, *, authorise: bool, note: str, by) -> StayExtension:
    """A head of service authorises or refuses; an authorised extension moves the planned end."""
    if not can_decide_extensions(by):
        raise PermissionDenied("Only a head of service can authorise a stay extension.")
    extension = StayExtension.objects.select_for_update().get(pk=extension.pk)
    if not StayExtension.objects.waiting(today()).filter(pk=extension.pk).exists():
        close_extensions_left_behind(
            Placement.objects.filter(pk=extension.placement_id), on=today()
        )
        extension.refresh_from_db()
        raise ValidationError(
            f"This extension can no longer be decided: {extension.get_status_display()}."
        )
    if authorise and not note.strip():
        raise ValidationError({"decision_note": "Record the reason for authorising the extension."})
    extension.status = (
        StayExtension.Status.AUTHORISED if authorise else StayExtension.Status.REFUSED
    )
    extension.decided_by = by
    extension.decided_at = timezone.now()
    extension.decision_note = note
    extension.save()
    if authorise:
        change_planned_end(extension.placement, planned_end_date=extension.extend_to, by=by)
    return extension


def close_extensions_left_behind(stays, *, on: datetime.date) -> int:
    """Close the extension requests nobody decided on the `stays` the child had left by `on`
    (or that were recorded in error): there is no stay left to extend. One update however
    many; each closed request is in the audit trail. Returns how many closed."""
    ids = list(
        StayExtension.objects.left_behind(on)
        .filter(placement__in=stays)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    closing = StayExtension.objects.filter(pk__in=ids).select_related("placement__child")
    audit.update(
        closing,
        status=StayExtension.Status.CLOSED,
        decided_at=timezone.now(),
        decision_note="Closed without a decision: the child left the placement.",
        version=F("version") + 1,
    )
    return len(ids)


# Matching (placements.matching): an admission to a home recorded through the application
# follows a signed-off matching assessment. The ledger's own place_child takes it as optional,
# so imports, history and demo data are not blocked.


def check_matching_fits(matching, *, child, home) -> None:
    if matching.child_id != child.pk or home is None or matching.home_id != home.pk:
        raise ValidationError({"home": "That matching assessment is for another child or home."})
    if not matching.allows_admission:
        raise ValidationError(
            {
                "home": f"The manager of {home} decided not to admit {child.full_name}; "
                "search vacancies for another home."
            }
        )


@as_by
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
