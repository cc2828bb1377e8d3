import datetime
import os
import zoneinfo

import factory.random
import pytest
import time_machine
from django.db import connection

from accounts.models import Role

from .factories import UserFactory
from .two_factor import VerifiedClient

# HOMEWARD_TEST_DATE=YYYY-MM-DD runs the whole session as if that were today (10:00 in London,
# the clock ticking). .ci/run uses it to prove the date-sensitive tests pass on awkward days;
# tests that pin their own date with time-machine still do so inside it.
_pinned_date = os.environ.get("HOMEWARD_TEST_DATE")
# Started when this file is imported, not in pytest_configure: pytest imports the conftest.py files
# on the command line's paths before it configures, and their module-level dates must be pinned too.
_travel = None
if _pinned_date:
    _travel = time_machine.travel(
        datetime.datetime.combine(
            datetime.date.fromisoformat(_pinned_date),
            datetime.time(10),
            tzinfo=zoneinfo.ZoneInfo("Europe/London"),
        ),
        tick=True,
    )
    _travel.start()


def pytest_unconfigure(config):
    if _travel is not None:
        _travel.stop()


def pytest_report_header(config):
    if _pinned_date:
        return f"Homeward: every test runs as if today were {_pinned_date}"


@pytest.fixture(autouse=True)
def _same_names_every_run(request):
    """The factories' names (Faker) are drawn from a generator seeded with the test's id: a test
    meets the same people on every run and machine, in any order, so a name cannot fail it only
    sometimes (one in a hundred surnames has an apostrophe, and once failed CI so)."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Full-strength hashing costs a second per user made on this 2-core machine; sign-in
    # behaves the same with a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    """pytest-django's client, except that force_login includes the second factor."""
    return VerifiedClient()


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def social_worker(db):
    return UserFactory(username="sw", role=Role.SOCIAL_WORKER)


@pytest.fixture
def home_manager(db):
    return UserFactory(username="manager", role=Role.HOME_MANAGER)


@pytest.fixture
def visitor(db):
    return UserFactory(username="visitor", role=Role.INDEPENDENT_VISITOR)


@pytest.fixture
def board_member(db):
    return UserFactory(username="board", role=Role.BOARD_MEMBER)


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=Role.ADMINISTRATOR, is_staff=True)
