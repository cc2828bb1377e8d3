"""Celery task: the retention schedule, nightly (governance.retention)."""

from celery import shared_task

from core.dates import today

from . import retention


@shared_task(acks_late=True)
def apply_retention() -> int:
    """Anonymise the records of children whose 75th birthday has passed; how many children."""
    return retention.apply(today())
