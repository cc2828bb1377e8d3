import pytest
import time_machine


@pytest.fixture(autouse=True)
def _today():
    """Every test here runs on 6 December 2026: in collection year 2027, after 2026 ended."""
    with time_machine.travel("2026-12-06 10:00 +0000", tick=False):
        yield
