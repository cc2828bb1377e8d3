import datetime

import pytest

from core.dates import today


@pytest.fixture
def day():
    """Today in the UK; the pages count occupancy from it."""
    return today()


def days(n) -> datetime.timedelta:
    return datetime.timedelta(days=n)
