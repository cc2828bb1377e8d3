import datetime
import zoneinfo

import pytest
import time_machine

from core.dates import today
from tests.factories import HomeFactory


@pytest.fixture
def day():
    """Today in the UK; the pages count occupancy from it."""
    return today()


def days(n) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# Tests whose dates matter to the rule (closing on a day, a move planned for tomorrow) pin
# today to a Monday, 10:00 in London.
MONDAY = datetime.date(2026, 3, 2)
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day, hour=10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), LONDON)


def monday_plus(n) -> datetime.date:
    return MONDAY + datetime.timedelta(days=n)


@pytest.fixture
def monday():
    """Today is MONDAY; the traveller can move the clock on (`monday.move_to(at(day))`)."""
    with time_machine.travel(at(MONDAY)) as traveller:
        yield traveller


@pytest.fixture
def oak(home_manager):
    """A residential home (ages 8 to 17, no stay limit) run by the home manager."""
    home = HomeFactory(name="Oak House")
    home.managers.add(home_manager)
    return home
