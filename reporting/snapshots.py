"""The board's figures, stored: worked out once per period and read by the dashboard.

Working out a period's figures takes seconds at regional size (reporting.sections.build runs
every measure for the period, the one before and the same one last year), so the dashboard never
does it on a view when it can help it:

- the job that makes a board report stores what it worked out (`up_to_date_or_make`), and the
  beat task `reporting.tasks.refresh_board_figures` remakes the figures of this month so far
  and of the latest whole month and quarter every BOARD_FIGURES_REFRESH_MINUTES minutes, but
  only when they are out of date;
- a snapshot is up to date while no record the measures count has changed since it was made
  (reporting.freshness) and it was made today ("vacancies today" changes at midnight);
- the dashboard (`for_dashboard`) shows an up-to-date snapshot as it is; one out of date but made
  less than BOARD_FIGURES_REFRESH_MINUTES ago is shown with the time it was made, saying the
  changes since will show by then; an older one, or none, is worked out in the request. One
  request does that work while the others show the old figures (a row lock on PostgreSQL).

So the figures of a period are worked out at most once every few minutes, and a change shows
within BOARD_FIGURES_REFRESH_MINUTES minutes of being recorded, worker or not.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.dates import today

from . import freshness, periods, sections
from .models import DataVersion, FiguresSnapshot
from .periods import Period
from .sections.figures import Headline, Report, Section, Table


def refresh_after() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.BOARD_FIGURES_REFRESH_MINUTES)


@dataclasses.dataclass
class Figures:
    """A period's report as stored, and how fresh it is."""

    report: Report
    made_at: datetime.datetime
    up_to_date: bool

    @property
    def changes_show_by(self) -> datetime.datetime:
        return self.made_at + refresh_after()


def for_dashboard(period: Period) -> Figures:
    """The figures to show for `period`: one query when they are stored and fresh enough."""
    snapshot = (
        FiguresSnapshot.objects.filter(code=period.code)
        .annotate(current=Subquery(DataVersion.objects.filter(pk=1).values("number")[:1]))
        .first()
    )
    if snapshot is None:
        return make(period)
    fresh = _is_up_to_date(snapshot, snapshot.current or 0)
    if fresh or timezone.now() - snapshot.made_at < refresh_after():
        return _load(snapshot, fresh)
    with transaction.atomic():
        mine = (
            FiguresSnapshot.objects.select_for_update(skip_locked=True)
            .filter(pk=snapshot.pk)
            .first()
        )
        if mine is None:  # another request is working them out: show the old ones meanwhile
            return _load(snapshot, False)
        return make(period)


def up_to_date_or_make(period: Period, progress: Callable[[int], None] = lambda p: None) -> Figures:
    """The stored figures if they are up to date, else worked out now and stored."""
    snapshot = FiguresSnapshot.objects.filter(code=period.code).first()
    if snapshot is not None and _is_up_to_date(snapshot, freshness.current()):
        progress(100)
        return _load(snapshot, True)
    return make(period, progress)


def refresh(period: Period) -> bool:
    """Work out `period`'s figures again if they are out of date; True if it did."""
    snapshot = FiguresSnapshot.objects.filter(code=period.code).first()
    if snapshot is not None and _is_up_to_date(snapshot, freshness.current()):
        return False
    make(period)
    return True


def _is_up_to_date(snapshot: FiguresSnapshot, version: int) -> bool:
    return snapshot.data_version == version and timezone.localdate(snapshot.made_at) == today()


def make(period: Period, progress: Callable[[int], None] = lambda p: None) -> Figures:
    # The number is read before anything is counted: a change committed after this moves it on,
    # so a snapshot that missed a change is always behind the number.
    version = freshness.current()
    report = sections.build(period, progress)
    made_at = timezone.now()
    FiguresSnapshot.objects.update_or_create(
        code=period.code,
        defaults={"report": _as_json(report), "data_version": version, "made_at": made_at},
    )
    if period.is_part:  # the same month so far, up to an earlier day: never shown again
        FiguresSnapshot.objects.filter(code__startswith=f"{period.start:%Y-%m}-to-").exclude(
            code=period.code
        ).delete()
    return Figures(report, made_at, True)


def _load(snapshot: FiguresSnapshot, up_to_date: bool) -> Figures:
    return Figures(_from_json(snapshot.report), snapshot.made_at, up_to_date)


def _as_json(report: Report) -> dict:
    return {
        "period": report.period.code,
        "previous": report.previous.code,
        "year_before": report.year_before.code,
        "made_on": report.made_on.isoformat(),
        "summary": [dataclasses.asdict(h) for h in report.summary],
        "sections": [{**dataclasses.asdict(s), "chart": str(s.chart)} for s in report.sections],
    }


def _from_json(data: dict) -> Report:
    return Report(
        periods.parse(data["period"]),
        periods.parse(data["previous"]),
        periods.parse(data["year_before"]),
        datetime.date.fromisoformat(data["made_on"]),
        [Headline(**h) for h in data["summary"]],
        [
            Section(
                **{
                    **s,
                    "tables": [Table(**t) for t in s["tables"]],
                    "chart": mark_safe(s["chart"]),  # drawn by reporting.charts, escaped there
                    "key_figure": tuple(s["key_figure"]),
                }
            )
            for s in data["sections"]
        ],
    )
