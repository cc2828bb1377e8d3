"""Statutory clocks in Python, computed once per run so the queries compare plain dates."""

import calendar
import datetime
from collections.abc import Callable

DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def latest_start_due_by(day: datetime.date, due: Callable[[datetime.date], datetime.date]):
    """The latest start date whose due date (`due(start)`) falls on or before `day`.

    `due` never goes back as the start moves on, so every earlier start is due by `day` too:
    a query can then ask "started on or before this date" instead of computing working days or
    months row by row.
    """
    start = day
    while due(start) > day:
        start -= DAY
    return start
