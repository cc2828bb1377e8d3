"""Celery tasks: thin wrappers around timescales.services.

acks_late: a worker that dies mid-run leaves the message on the queue for another worker, and
every step is idempotent, so running it again is safe. Failures retry with backoff; a day that
still fails is caught up by the next day's run (see services.catch_up).
"""

import datetime

from celery import shared_task

from core.dates import today

from . import services


@shared_task(
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def run_daily_checks(until: str | None = None) -> dict:
    """Run every check for each day since the last successful run, up to today (or `until`)."""
    day = datetime.date.fromisoformat(until) if until else today()
    return services.catch_up(day)
