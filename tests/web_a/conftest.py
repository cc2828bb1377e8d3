import datetime

import pytest

from core.dates import today
from placements.models import StayExtension
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, home_type


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing at full strength costs seconds per test on a shared machine; login still works.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def days_ago(n):
    return today() - datetime.timedelta(days=n)


def make_caseload(social_worker, manager, size):
    """`size` children on the social worker's caseload, each in a Safe Space home the manager
    runs (four beds each), with an authorised and a requested extension on every stay."""
    safe_space = home_type("safe-space")
    homes = [HomeFactory(home_type=safe_space) for _ in range((size + 3) // 4)]
    for home in homes:
        home.managers.add(manager)
    stays = []
    for i in range(size):
        child = ChildFactory(social_worker=social_worker)
        stay = PlacementFactory(
            child=child,
            home=homes[i // 4],
            start_date=days_ago(21),
            planned_end_date=days_ago(21) + datetime.timedelta(days=28),
        )
        StayExtension.objects.create(
            placement=stay,
            extend_to=days_ago(21) + datetime.timedelta(days=35),
            reason="Return home planned",
            status=StayExtension.Status.AUTHORISED,
            decided_by=manager,
            decided_at=stay.created_at,
        )
        StayExtension.objects.create(
            placement=stay, extend_to=days_ago(0) + datetime.timedelta(days=40), reason="More time"
        )
        stays.append(stay)
    return stays
