"""Dates as social workers count them: the UK calendar and England and Wales working days."""

import datetime
from functools import lru_cache

from django.utils import timezone
from govuk_bank_holidays.bank_holidays import BankHolidays


def today() -> datetime.date:
    """Today's date in the UK, whatever the server's clock zone."""
    return timezone.localdate()


@lru_cache(maxsize=1)
def _bank_holidays() -> frozenset[datetime.date]:
    # The package ships GOV.UK's list; use it and never reach for the network.
    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(
        h["date"] for h in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself is not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day` (a 29 February birthday counts from 1 March)."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, month=3, day=1)


def in_words(day: datetime.date) -> str:
    """A date as GOV.UK writes it: 27 March 2026."""
    return f"{day.day} {day:%B %Y}"
