"""Board reports and the dashboard: board members, home managers and administrators only.
The figures are anonymised council-wide aggregates, so every reader sees every report."""

from django.core.files.base import ContentFile

from core.dates import today
from reporting import periods
from reporting.models import BoardReport

from .rules import ADMIN, BM, HM, Rule

READERS = {BM, HM, ADMIN}


def _report(world, done=True):
    period = periods.last_complete(today(), periods.MONTH)
    report = BoardReport(period_type=period.kind, period_start=period.start)
    if done:
        report.file.save(report.filename, ContentFile(b"%PDF-1.7 test"), save=False)
        report.status = BoardReport.Status.DONE
    report.save()
    return report


def _period(world):
    return {"period": periods.last_complete(today(), periods.MONTH).code}


RULES = [
    Rule("reporting:list", allowed=READERS),
    Rule("reporting:dashboard", allowed=READERS),
    Rule("reporting:request", allowed=READERS, method="post", data=_period),
    Rule("reporting:detail", args=lambda w: [_report(w, done=False).pk], allowed=READERS),
    Rule("reporting:download", args=lambda w: [_report(w).pk], allowed=READERS),
]
