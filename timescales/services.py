"""Running the checks: reconcile what each check finds with the open alerts, then tell people.

Also the writes people make to act on the alerts: recording reviews, visits and placement plans.

Every step of a run is idempotent. Alerts are unique per open condition and notifications per person per
alert per day, so a day run twice (a retried task, an operator's re-run) opens, closes and sends
nothing new. Each check commits on its own, so a failure loses only the check that failed.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone

from audit import capture as audit
from audit.capture import as_by
from core import codes
from core.bulk_insert import insert_new
from core.dates import today
from notifications import services as notifications
from notifications.models import Notification
from placements.models import Placement
from placements.services import close_extensions_left_behind

from . import audiences
from .calendar import DAY
from .models import Alert, JobRun, LookedAfterReview, PlacementPlan, SocialWorkerVisit
from .registry import CHECKS, Check

log = logging.getLogger(__name__)

MAX_CATCH_UP_DAYS = 31


@transaction.atomic
def run_check(check: Check, day: datetime.date) -> dict:
    """Run one check for `day`; returns counts of what it found and did.

    A fixed number of statements however many conditions there are: one read of the rule's open
    alerts, one UPDATE to close the cleared ones, one INSERT for the new ones and one for the
    notices (on SQLite, inserts split at its limit on query parameters).
    """
    if connection.vendor == "postgresql":
        # The checks' plans look costly to PostgreSQL, whose JIT then spends longer compiling
        # them (seconds at a million placements) than running them.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    found = {c.identity: c for c in check.run(day).conditions}
    open_alerts = {
        (st, sid, key): pk
        for pk, st, sid, key in _open(check.rule).values_list(
            "pk", "subject_type", "subject_id", "key"
        )
    }
    cleared = [pk for identity, pk in open_alerts.items() if identity not in found]
    if cleared:
        audit.update(Alert.objects.filter(pk__in=cleared), resolved_on=day)
    new = [c for identity, c in found.items() if identity not in open_alerts]
    # A concurrent run may have opened one of them first: it tells the people, not this run.
    opened = _open_alerts(check.rule, new, day)
    pairs = _who_to_tell_about_new(opened, found)
    if any(c.escalate_to for c in found.values()):
        pairs += _escalations_due(check.rule, found, day)
    told = notifications.notify(pairs, day)
    return {"found": len(found), "opened": len(opened), "closed": len(cleared), "told": told}


def _open(rule):
    return Alert.objects.filter(rule=rule, resolved_on__isnull=True)


ALERT_COLUMNS = [
    "rule",
    "subject_type",
    "subject_id",
    "key",
    "due",
    "summary",
    "child_id",
    "home_id",
    "opened_on",
    "created_at",
]


def _open_alerts(rule, conditions, day) -> list[tuple]:
    """Insert an alert for each condition; (id, subject_type, subject_id, key) of those opened."""
    ops = connection.ops
    opened_on, now = ops.adapt_datefield_value(day), ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            rule,
            c.subject_type,
            c.subject_id,
            c.key,
            ops.adapt_datefield_value(c.due),
            c.summary[:300],
            c.child_id,
            c.home_id,
            opened_on,
            now,
        )
        for c in conditions
    ]
    opened = insert_new(Alert, ALERT_COLUMNS, rows, ["id", "subject_type", "subject_id", "key"])
    audit.created(Alert, [row[0] for row in opened])
    return opened


def _who_to_tell_about_new(opened, found) -> list[tuple[int, int]]:
    """(alert id, user id): each new alert's recipients (nobody named: the heads of service),
    and anyone it escalates to."""
    heads = None
    pairs = []
    for pk, st, sid, key in opened:
        condition = found[(st, sid, key)]
        recipients = condition.recipients
        if not recipients:
            heads = audiences.heads_of_service() if heads is None else heads
            recipients = heads
        pairs += [(pk, user_id) for user_id in recipients | condition.escalate_to]
    return pairs


def _escalations_due(rule, found, day) -> list[tuple[int, int]]:
    """(alert id, user id) for the open alerts escalated every day and not yet told about today
    (a re-run skips them: each alert's notices for a day are written together)."""
    told_today = Notification.objects.filter(alert=OuterRef("pk"), day=day)
    rows = (
        _open(rule)
        .filter(opened_on__lt=day)  # today's new alerts were told as they opened
        .exclude(Exists(told_today))
        .values_list("pk", "subject_type", "subject_id", "key")
    )
    pairs = []
    for pk, st, sid, key in rows:
        condition = found.get((st, sid, key))
        if condition is not None:
            pairs += [(pk, user_id) for user_id in condition.escalate_to]
    return pairs


def run_day(day: datetime.date, *, send_email: bool = True) -> dict:
    """Run every registered check for `day`, then send the digests; record the run."""
    run, _ = JobRun.objects.get_or_create(day=day)
    # Housekeeping first: extension requests on stays the child has left can no longer be decided.
    closed = close_extensions_left_behind(Placement.objects.all(), on=day)
    summary = {}
    for rule, check in sorted(CHECKS.items()):
        summary[rule] = run_check(check, day)
        log.info("check %s on %s: %s", rule, day, summary[rule])
    emails = notifications.send_digests(day) if send_email else 0
    run.summary = {"checks": summary, "emails": emails, "extensions_closed": closed}
    run.succeeded = True
    run.finished_at = timezone.now()
    run.save()
    return run.summary


def days_to_run(today: datetime.date) -> list[datetime.date]:
    """Every day since the last successful run, up to today (a month at most)."""
    last = JobRun.objects.filter(succeeded=True).aggregate(last=Max("day"))["last"]
    first = today if last is None else last + DAY
    first = max(first, today - datetime.timedelta(days=MAX_CATCH_UP_DAYS - 1))
    return [first + DAY * n for n in range((today - first).days + 1)]


def catch_up(today: datetime.date) -> dict:
    """The daily job: run each missed day in order, and email one digest at the end."""
    days = days_to_run(today)
    summaries = {day.isoformat(): run_day(day, send_email=False) for day in days}
    emails = notifications.send_digests(today) if days else 0
    return {"days": summaries, "emails": emails}


# --------------------------------------------------------------------------- recording


def _check_date(child, day: datetime.date, field: str):
    """A statutory record's date: not in the future, not before the child was first placed."""
    if day > today():
        raise ValidationError({field: "The date must be today or in the past."})
    first = Placement.objects.live().filter(child=child).aggregate(first=Min("start_date"))["first"]
    if first is None:
        raise ValidationError(f"{child.full_name} has no placement, so is not looked after.")
    if day < first:
        raise ValidationError(
            {
                field: f"The date must be on or after {first.day} {first:%B %Y}, when the child was first placed."
            }
        )


UNDER_FOUR = codes.ReviewParticipation.PN0


@as_by
@transaction.atomic
def record_review(*, child, held_on, participation, chaired_by="", by) -> LookedAfterReview:
    """Record a looked-after review held for `child` and how the child took part in it; the
    review alert clears on the next run."""
    _check_date(child, held_on, "held_on")
    if (child.age_on(held_on) < 4) != (participation == UNDER_FOUR):
        raise ValidationError(
            {
                "participation": f"{child.first_name} was {child.age_on(held_on)} at the review: "
                + (
                    "choose “Child under 4 at the time of the review” (PN0)."
                    if child.age_on(held_on) < 4
                    else "PN0 is only for a child under 4; choose how they took part."
                )
            }
        )
    if LookedAfterReview.objects.filter(child=child, held_on=held_on).exists():
        raise ValidationError({"held_on": "A review on that date is already recorded."})
    review = LookedAfterReview.objects.create(
        child=child,
        held_on=held_on,
        participation=participation,
        chaired_by=chaired_by,
        recorded_by=by,
    )
    return review


@as_by
@transaction.atomic
def record_visit(*, child, visited_on, seen_alone, note="", by) -> SocialWorkerVisit:
    """Record a social worker's statutory visit to `child`."""
    _check_date(child, visited_on, "visited_on")
    if SocialWorkerVisit.objects.filter(child=child, visited_on=visited_on).exists():
        raise ValidationError({"visited_on": "A visit on that date is already recorded."})
    visit = SocialWorkerVisit.objects.create(
        child=child, visited_on=visited_on, seen_alone=seen_alone, note=note, visited_by=by
    )
    return visit


@as_by
@transaction.atomic
def record_plan(*, child, completed_on, lasts_until_18, by) -> PlacementPlan:
    """Record the placement plan of `child`'s current placement (replacing what was recorded)."""
    placement = Placement.objects.active_on(today()).filter(child=child).first()
    if placement is None:
        raise ValidationError(f"{child.full_name} has no current placement to plan.")
    _check_date(child, completed_on, "completed_on")
    plan = PlacementPlan.objects.filter(placement=placement).first()
    plan = plan or PlacementPlan(placement=placement)
    plan.completed_on, plan.lasts_until_18, plan.recorded_by = completed_on, lasts_until_18, by
    plan.save()
    return plan
