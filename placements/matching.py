"""Matching a child to a home: the social worker's match request, the manager's impact-risk
assessment (signed off, or the request declined), and the placement that follows.

An admission to a home recorded through the application follows a signed-off matching
assessment of that child for that home (`place_child_after_matching`), which the manager
signs off in answer to a match request (`assess_match`). A request moves between the states
MatchRequest.MOVES allows; every move is audited and announced (placements.signals), and a new
stay in the home marks an agreed request placed (placements.services.save_placement), whichever
way the stay is recorded.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import children_visible_to, has_role, homes_managed_by
from accounts.models import Role
from audit import capture as audit
from audit.capture import as_by
from children.models import Child
from core.dates import today
from homes.models import Home

from .models import MatchingAssessment, MatchingRisk, MatchRequest, Placement
from .services import check_matching_fits, move_child, place_child
from .signals import match_request_changed

Status = MatchRequest.Status


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
    check_matching_fits(matching, child=child, home=home)
    return matching


def place_child_after_matching(*, child: Child, home: Home | None = None, **placement):
    """The application's path to a new placement: a home needs a signed-off matching first."""
    matching = signed_off_matching(child, home) if home is not None else None
    return place_child(child=child, home=home, matching=matching, **placement)


def move_child_after_matching(placement: Placement, *, home: Home | None = None, **move):
    """The application's path to a move: a move into a home needs a signed-off matching."""
    matching = signed_off_matching(placement.child, home) if home is not None else None
    return move_child(placement, home=home, matching=matching, **move)


def current_stay(child, on: datetime.date) -> Placement | None:
    """The stay the child lives in on `on` with no move or end recorded: the one a placement
    from an agreed match moves them from."""
    return Placement.objects.filter(child=child, end_date__isnull=True).active_on(on).first()


def place_from_agreed_match(match: MatchRequest, *, legal_status: str, by) -> Placement:
    """Record the placement the agreed match asked for, on its dates: a move when the child
    lives somewhere now, else a new placement (the demo's and tests' shortcut for the form)."""
    answers = {"home": match.home, "planned_end_date": match.proposed_end, "by": by}
    stay = current_stay(match.child, today())
    if stay is not None:
        return move_child_after_matching(
            stay, move_date=match.proposed_start, reason_placement_change="CARPL", **answers
        )
    return place_child_after_matching(
        child=match.child, start_date=match.proposed_start, legal_status=legal_status, **answers
    )


def residents_on(home: Home, day: datetime.date):
    """The children living in the home on the day, the ones a matching assessment weighs."""
    return Child.objects.filter(
        pk__in=Placement.objects.filter(home=home).active_on(day).values("child_id")
    ).order_by("first_name", "last_name")


def _check_manager(home, by, what):
    if not homes_managed_by(by).filter(pk=home.pk).exists():
        raise PermissionDenied(f"Only the manager of {home} can {what}.")


def _record_move(match, *, by) -> MatchRequest:
    match.save()
    match_request_changed.send(MatchRequest, match_request=match, by=by)
    return match


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
    living in the home on the proposed start date. Runs inside assess_match's transaction."""
    _check_manager(home, by, "sign off its matching assessments")
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
    written = MatchingRisk.objects.bulk_create(
        MatchingRisk(assessment=assessment, resident=resident, level=level, note=note)
        for resident, level, note in risks
    )
    audit.created(MatchingRisk, [risk.pk for risk in written])
    return assessment


# Match requests: asked by the child's social worker, answered by the home's manager.


def may_request_match(user, child) -> bool:
    """Social workers ask for the children on their caseload; administrators for anyone."""
    return has_role(user, Role.SOCIAL_WORKER, Role.ADMINISTRATOR) and (
        children_visible_to(user).filter(pk=child.pk).exists()
    )


@as_by
@transaction.atomic
def request_match(
    *,
    child: Child,
    home: Home,
    proposed_start: datetime.date,
    proposed_end: datetime.date | None = None,
    needs: str,
    by,
) -> MatchRequest:
    """Ask the home's manager whether the home can take the child from `proposed_start`."""
    if not may_request_match(by, child):
        raise PermissionDenied("Only the child's social worker can ask for a match.")
    Child.objects.select_for_update().filter(pk=child.pk).first()
    errors: dict[str, str] = {}
    if not needs.strip():
        errors["needs"] = "Enter what the child needs from the home"
    if proposed_start < today():
        errors["proposed_start"] = "The proposed start date must be today or in the future"
    elif home.closed_on and proposed_start >= home.closed_on:
        errors["proposed_start"] = f"{home} closes on {home.closed_on:%d/%m/%Y}"
    else:
        age, home_type = child.age_on(proposed_start), home.home_type
        if not home_type.min_age <= age <= home_type.max_age:
            errors["proposed_start"] = (
                f"{child.full_name} is {age} on {proposed_start:%d/%m/%Y}, outside the ages "
                f"{home_type.min_age} to {home_type.max_age} that {home} accepts"
            )
    if residents_on(home, proposed_start).filter(pk=child.pk).exists():
        errors["home"] = f"{child.full_name} already lives at {home} on that day."
    if proposed_end and proposed_end <= proposed_start:
        errors["proposed_end"] = "The planned end date must be after the proposed start date"
    if MatchRequest.objects.filter(child=child, home=home, status__in=MatchRequest.OPEN).exists():
        errors["home"] = (
            f"There is already an open match request for {child.full_name} at {home}. "
            "Open it from the child's record."
        )
    if errors:
        raise ValidationError(errors)
    match = MatchRequest.objects.create(
        child=child,
        home=home,
        proposed_start=proposed_start,
        proposed_end=proposed_end,
        needs=needs,
        requested_by=by,
    )
    match_request_changed.send(MatchRequest, match_request=match, by=by)
    return match


def _locked(match) -> MatchRequest:
    return MatchRequest.objects.select_for_update().select_related("child", "home").get(pk=match.pk)


@as_by
@transaction.atomic
def assess_match(match: MatchRequest, *, decision: str, summary: str, risks, by) -> MatchRequest:
    """The manager's impact-risk assessment of the request, signed off: the request is agreed,
    or declined (the summary says why) when the child may not be admitted."""
    match = _locked(match)
    if match.status != Status.REQUESTED:
        raise ValidationError(
            f"This match request {match.where_it_is}, so there is nothing to assess."
        )
    assessment = record_matching(
        child=match.child,
        home=match.home,
        proposed_start=match.proposed_start,
        decision=decision,
        summary=summary,
        risks=risks,
        by=by,
    )
    match.move_to(Status.AGREED if assessment.allows_admission else Status.DECLINED)
    match.reason = "" if assessment.allows_admission else summary
    match.assessment = assessment
    match.answered_by, match.answered_at = by, timezone.now()
    return _record_move(match, by=by)


@as_by
@transaction.atomic
def decline_match(match: MatchRequest, *, reason: str, by) -> MatchRequest:
    """The manager says no, and why (the social worker reads the reason)."""
    match = _locked(match)
    _check_manager(match.home, by, "decline its match requests")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the home cannot take the child"})
    match.move_to(Status.DECLINED)
    match.reason = reason
    match.answered_by, match.answered_at = by, timezone.now()
    return _record_move(match, by=by)


@as_by
@transaction.atomic
def withdraw_match(match: MatchRequest, *, reason: str, by) -> MatchRequest:
    """The social worker no longer needs the match (another home, plans changed)."""
    match = _locked(match)
    if not may_request_match(by, match.child):
        raise PermissionDenied("Only the child's social worker can withdraw the match request.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are withdrawing the request"})
    match.move_to(Status.WITHDRAWN)
    match.reason = reason
    match.withdrawn_by, match.withdrawn_at = by, timezone.now()
    return _record_move(match, by=by)
