"""Making board reports: asking for one, and producing its PDF in the background."""

import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from audit import capture as audit
from core.pdf import html_to_pdf

from . import charts, snapshots
from .models import BoardReport
from .periods import Period

log = logging.getLogger(__name__)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per page otherwise


def _css_string(text: str) -> str:
    """Text as a CSS string for the page headers (the style element is not HTML-escaped)."""
    cleaned = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "").replace("\n", " ")
    return mark_safe(f'"{cleaned}"')


def render_pdf(period: Period, progress=lambda percent: None, *, afresh=False) -> bytes:
    """The board report for `period` as PDF bytes; `progress` hears 0-100.

    The figures are the dashboard's stored ones when up to date; otherwise (or `afresh`) they
    are worked out now and stored for the dashboard.
    """

    def building(done):
        progress(round(done * 0.7))

    report = (
        snapshots.make(period, building)
        if afresh
        else snapshots.up_to_date_or_make(period, building)
    ).report
    html = render_to_string(
        "reporting/pdf/report.html",
        {
            "report": report,
            "council": settings.COUNCIL_NAME,
            "css_council": _css_string(settings.COUNCIL_NAME),
            "css_title": _css_string(f"Corporate Parenting Board report: {period.label}"),
            "font": mark_safe(charts.FONT),
        },
    )
    progress(75)
    pdf = html_to_pdf(html)
    progress(100)
    return pdf


def generate(report: BoardReport) -> BoardReport:
    """Make the PDF for a queued report, recording progress as it goes."""
    audit.update(BoardReport.objects.filter(pk=report.pk), status=BoardReport.Status.RUNNING)
    BoardReport.objects.filter(pk=report.pk).update(progress=0)

    def progress(percent):
        BoardReport.objects.filter(pk=report.pk).update(progress=min(percent, 99))

    started = time.perf_counter()
    try:
        pdf = render_pdf(report.period, progress)
    except Exception as exc:  # noqa: BLE001 - any failure is shown to the person who asked
        log.exception("Board report %s failed", report.pk)
        report.refresh_from_db()
        report.status = BoardReport.Status.FAILED
        report.error = f"The report could not be made: {exc.__class__.__name__}."
        report.finished_at = timezone.now()
        report.save()
        return report
    report.refresh_from_db()
    report.file.save(report.filename, ContentFile(pdf), save=False)
    report.status = BoardReport.Status.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.save()
    log.info("Board report %s made in %.2f s", report.pk, time.perf_counter() - started)
    return report
