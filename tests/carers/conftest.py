import datetime

import pytest
import time_machine

TODAY = datetime.date(2026, 6, 1)  # a Monday after the April rate change


def date_fields(name, day) -> dict:
    """A date as the GOV.UK day, month and year inputs post it."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture(autouse=True)
def _fixed_day():
    """Pages read today's date; these tests run on TODAY."""
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield
