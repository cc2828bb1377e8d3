"""The reporting periods a board report covers: a calendar month or a calendar quarter, and on
the dashboard the month so far.

A period runs from `start` up to, not including, `end`, like the placement ledger. The month so
far stops after today (`until`), and is compared with the same days of the month before and of
the same month last year.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from core.dates import add_years

MONTH = "month"
QUARTER = "quarter"

_MONTH_TEXT = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_TEXT = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_PART_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-to-(\d{1,2})$")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str  # MONTH or QUARTER
    start: datetime.date  # first day
    until: datetime.date | None = None  # for part of a month: the day after its last day

    @property
    def months(self) -> int:
        return 3 if self.kind == QUARTER else 1

    @property
    def end(self) -> datetime.date:
        whole = _add_months(self.start, self.months)
        return min(whole, self.until) if self.until else whole

    @property
    def is_part(self) -> bool:
        return self.end < _add_months(self.start, self.months)

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def label(self) -> str:
        if self.is_part:
            return f"1 to {self.last_day:%-d %B %Y}"
        if self.kind == MONTH:
            return f"{self.start:%B %Y}"
        return f"{self.start:%B} to {self.last_day:%B %Y}"

    @property
    def code(self) -> str:
        """The text form used on the command line and in URLs: 2026-10, 2026-Q3, or 2026-10-to-06
        for the first six days of October 2026."""
        if self.is_part:
            return f"{self.start:%Y-%m}-to-{self.last_day:%d}"
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    def previous(self) -> "Period":
        return self._same_days_from(_add_months(self.start, -self.months))

    def year_before(self) -> "Period":
        return self._same_days_from(add_years(self.start, -1))

    def _same_days_from(self, start: datetime.date) -> "Period":
        if not self.is_part:
            return Period(self.kind, start)
        return Period(self.kind, start, start + (self.end - self.start))

    def month_ends(self, count: int) -> list[datetime.date]:
        """The last days of the `count` months up to and including this period's last month
        (of part of a month: its last day so far)."""
        last_month = _add_months(self.start, self.months - 1)
        ends = [
            _add_months(last_month, offset + 1) - datetime.timedelta(days=1)
            for offset in range(-count + 1, 1)
        ]
        return ends[:-1] + [self.last_day]

    def whole_months(self) -> list[tuple[datetime.date, datetime.date]]:
        """(first day, day after the last) of each whole calendar month in the period."""
        firsts = [_add_months(self.start, n) for n in range(self.months + 1)]
        return [(a, b) for a, b in zip(firsts, firsts[1:], strict=False) if b <= self.end]


def month(year: int, month_number: int) -> Period:
    return Period(MONTH, datetime.date(year, month_number, 1))


def quarter(year: int, number: int) -> Period:
    return Period(QUARTER, datetime.date(year, 3 * (number - 1) + 1, 1))


def so_far(day: datetime.date) -> Period:
    """The month that `day` is in, from its first day up to and including `day`."""
    return Period(MONTH, day.replace(day=1), day + datetime.timedelta(days=1))


def parse(text: str) -> Period:
    """Read '2026-10' (a month), '2026-Q3' (a calendar quarter) or '2026-10-to-06' (the first six
    days of a month); ValueError if none."""
    text = (text or "").strip()
    if found := _PART_TEXT.match(text):
        year, number, last = (int(n) for n in found.groups())
        if 1 <= number <= 12 and year >= 1900 and 1 <= last < calendar.monthrange(year, number)[1]:
            return so_far(datetime.date(year, number, last))
    if found := _MONTH_TEXT.match(text):
        year, number = int(found[1]), int(found[2])
        if 1 <= number <= 12 and year >= 1900:
            return month(year, number)
    if found := _QUARTER_TEXT.match(text):
        year = int(found[1])
        if year >= 1900:
            return quarter(year, int(found[2]))
    raise ValueError(f"'{text}' is not a month like 2026-10 or a quarter like 2026-Q3.")


def containing(day: datetime.date, kind: str) -> Period:
    if kind == QUARTER:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return month(day.year, day.month)


def last_complete(day: datetime.date, kind: str) -> Period:
    """The latest whole month or quarter before `day`."""
    return containing(day, kind).previous()


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` earlier (the month's last day if it is shorter)."""
    first = _add_months(day.replace(day=1), -months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))
