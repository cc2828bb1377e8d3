"""What the measure families share: the registry of definitions, thresholds, and the
expressions that count days and stays inside a period."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from homes.models import Home
from placements.models import Placement

from ..periods import Period


@dataclass(frozen=True)
class Definition:
    title: str
    text: str


DEFINITIONS: dict[str, Definition] = {}


def measure(title: str, text: str):
    """Register a measure's plain-English definition for the appendix."""

    def register(function):
        DEFINITIONS[function.__name__] = Definition(title, text)
        return function

    return register


UNDER_CAPACITY_BELOW = Decimal("0.8")  # a home used under 80% of its bed-nights
FAR_FROM_HOME_MILES = 20


def as_date(day: datetime.date) -> Value:
    return Value(day, output_field=DateField())


def days_in(period: Period, start: str, end: str, open_start: bool = False):
    """Days of [start, end) that fall inside the period, as a duration (end None: still open)."""
    first = Coalesce(F(start), as_date(period.start)) if open_start else F(start)
    return ExpressionWrapper(
        Least(Coalesce(F(end), as_date(period.end)), as_date(period.end))
        - Greatest(first, as_date(period.start)),
        output_field=DurationField(),
    )


def weighted(weight: str, duration):
    count = ExpressionWrapper(F(weight), output_field=IntegerField())  # SQLite needs the type
    return ExpressionWrapper(count * duration, output_field=DurationField())


def count_nights(value) -> int:
    return value.days if value else 0


def end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in UK time, for comparing date-times with a day."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def home_stays():
    """Stays in children's homes that count (not entered in error)."""
    return Placement.objects.live().filter(home__isnull=False)


def in_care_on(day: datetime.date):
    """Placements that make a child looked after on `day` (short breaks do not)."""
    return Placement.objects.active_on(day).filter(is_short_break=False)


def homes_open_during(period: Period):
    return Home.objects.filter(
        Q(opened_on__lt=period.end) | Q(opened_on__isnull=True),
        Q(closed_on__gt=period.start) | Q(closed_on__isnull=True),
    )
