"""The reporting periods a board report covers: a calendar month or a calendar quarter.

A period runs from `start` up to, not including, `end`, like the placement ledger.
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


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str  # MONTH or QUARTER
    start: datetime.date  # first day

    @property
    def months(self) -> int:
        return 3 if self.kind == QUARTER else 1

    @property
    def end(self) -> datetime.date:
        return _add_months(self.start, self.months)

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%B %Y}"
        return f"{self.start:%B} to {self.last_day:%B %Y}"

    @property
    def code(self) -> str:
        """The text form used on the command line and in URLs: 2026-10 or 2026-Q3."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    def previous(self) -> "Period":
        return Period(self.kind, _add_months(self.start, -self.months))

    def year_before(self) -> "Period":
        return Period(self.kind, add_years(self.start, -1))

    def month_ends(self, count: int) -> list[datetime.date]:
        """The last days of the `count` months up to and including this period's last month."""
        last_month = _add_months(self.end, -1)
        return [
            _add_months(last_month, offset + 1) - datetime.timedelta(days=1)
            for offset in range(-count + 1, 1)
        ]


def month(year: int, month_number: int) -> Period:
    return Period(MONTH, datetime.date(year, month_number, 1))


def quarter(year: int, number: int) -> Period:
    return Period(QUARTER, datetime.date(year, 3 * (number - 1) + 1, 1))


def parse(text: str) -> Period:
    """Read '2026-10' (a month) or '2026-Q3' (a calendar quarter); ValueError if neither."""
    text = (text or "").strip()
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
