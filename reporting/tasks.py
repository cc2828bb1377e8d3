"""Background jobs: making a board report, and the monthly board pack."""

from celery import shared_task

from core.dates import today

from . import periods, services
from .models import BoardReport


@shared_task
def generate_board_report(report_id: int) -> str:
    report = BoardReport.objects.get(pk=report_id)
    if report.status != BoardReport.Status.QUEUED:  # a repeated delivery: already made
        return report.status
    return services.generate(report).status


@shared_task
def monthly_board_pack() -> int:
    """Make the pack for last month (once: a second run the same month does nothing)."""
    period = periods.last_complete(today(), periods.MONTH)
    existing = BoardReport.objects.filter(
        period_type=period.kind, period_start=period.start, requested_by__isnull=True
    ).exclude(status=BoardReport.Status.FAILED)
    if existing.exists():
        return existing.first().pk
    report = BoardReport.objects.create(period_type=period.kind, period_start=period.start)
    services.generate(report)
    return report.pk
