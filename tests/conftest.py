import pytest
from django.db import connection

from accounts.models import Role

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Full-strength hashing costs a second per user made on this 2-core machine; sign-in
    # behaves the same with a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
