"""Running the checks: reconcile what each check finds with the open alerts, then tell people.

Every step is idempotent. Alerts are unique per open condition and notifications per person per
alert per day, so a day run twice (a retried task, an operator's re-run) opens, closes and sends
nothing new. Each check commits on its own, so a failure loses only the check that failed.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from notifications import services as notifications
from notifications.models import Notification

from . import audiences
from .calendar import DAY
from .models import Alert, JobRun
from .registry import CHECKS, Check

log = logging.getLogger(__name__)

MAX_CATCH_UP_DAYS = 31


@transaction.atomic
def run_check(check: Check, day: datetime.date) -> dict:
    """Run one check for `day`; returns counts of what it found and did."""
    found = {c.identity: c for c in check.run(day).conditions}
    open_alerts = dict(
        (
            ((st, sid, key), pk)
            for pk, st, sid, key in _open(check.rule).values_list(
                "pk", "subject_type", "subject_id", "key"
            )
        )
    )
    cleared = [pk for identity, pk in open_alerts.items() if identity not in found]
    if cleared:
        Alert.objects.filter(pk__in=cleared).update(resolved_on=day)
    new = [c for identity, c in found.items() if identity not in open_alerts]
    if new:
        Alert.objects.bulk_create(
            [
                Alert(
                    rule=check.rule,
                    subject_type=c.subject_type,
                    subject_id=c.subject_id,
                    key=c.key,
                    due=c.due,
                    summary=c.summary[:300],
                    child_id=c.child_id,
                    home_id=c.home_id,
                    opened_on=day,
                )
                for c in new
            ],
            ignore_conflicts=True,  # a concurrent run opened it first: keep theirs
        )
    told = notifications.notify(_who_to_tell(check.rule, found, day), day)
    return {"found": len(found), "opened": len(new), "closed": len(cleared), "told": told}


def _open(rule):
    return Alert.objects.filter(rule=rule, resolved_on__isnull=True)


def _who_to_tell(rule, found, day) -> list[tuple[int, int]]:
    """(alert id, user id) pairs: recipients of alerts opened today, escalations every day."""
    heads = None
    pairs = []
    # Skip alerts already told about today (a re-run): each alert's notices for a day are
    # written together, inside the check's transaction.
    rows = _open(rule).exclude(Exists(Notification.objects.filter(alert=OuterRef("pk"), day=day)))
    if not any(c.escalate_to for c in found.values()):
        rows = rows.filter(opened_on=day)  # nothing to repeat: only today's new alerts matter
    rows = rows.values_list("pk", "subject_type", "subject_id", "key", "opened_on")
    for pk, st, sid, key, opened_on in rows:
        condition = found.get((st, sid, key))
        if condition is None:
            continue
        users = set(condition.escalate_to)
        if opened_on == day:
            recipients = condition.recipients
            if not recipients:  # nobody owns it: the heads of service must know
                heads = audiences.heads_of_service() if heads is None else heads
                recipients = heads
            users |= recipients
        pairs += [(pk, user_id) for user_id in users]
    return pairs


def run_day(day: datetime.date, *, send_email: bool = True) -> dict:
    """Run every registered check for `day`, then send the digests; record the run."""
    run, _ = JobRun.objects.get_or_create(day=day)
    summary = {}
    for rule, check in sorted(CHECKS.items()):
        summary[rule] = run_check(check, day)
        log.info("check %s on %s: %s", rule, day, summary[rule])
    emails = notifications.send_digests(day) if send_email else 0
    run.summary = {"checks": summary, "emails": emails}
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
