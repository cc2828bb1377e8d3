"""Background jobs: making a board report, the monthly board pack, and keeping the dashboard's
stored figures fresh. The jobs call reporting.services and reporting.snapshots; nothing there
calls back here."""

from celery import shared_task
from django.db import transaction

from core import jobs
from core.dates import today

from . import periods, services, snapshots
from .models import BoardReport
from .periods import Period

QUEUE_DOWN = (
    "The report could not be started: the job queue is not answering. Try again in a few minutes."
)


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


@shared_task
def refresh_board_figures() -> list[str]:
    """Work out again the figures of this month so far and of the latest whole month and
    quarter if records changed since they were stored (beat, every BOARD_FIGURES_REFRESH_MINUTES
    minutes); the periods remade."""
    day = today()
    latest = [periods.so_far(day)] + [
        periods.last_complete(day, kind) for kind in (periods.MONTH, periods.QUARTER)
    ]
    return [period.code for period in latest if snapshots.refresh(period)]


def request_report(period: Period, *, by) -> BoardReport:
    """Record the request and queue it; the worker makes the PDF. When the queue cannot be
    reached the report is marked failed at once, saying so, rather than left waiting."""
    report = BoardReport.objects.create(
        period_type=period.kind, period_start=period.start, requested_by=by
    )
    transaction.on_commit(lambda: _queue(report))
    return report


def _queue(report: BoardReport) -> None:
    if not jobs.queue(generate_board_report, report.pk):
        report.status = BoardReport.Status.FAILED
        report.error = QUEUE_DOWN
        report.save(update_fields=["status", "error"])
