import datetime

import pytest

from placements import services as placements
from tests.factories import ChildFactory, HomeFactory, home_type


@pytest.fixture
def safe_space(home_manager):
    home = HomeFactory(name="Beech Safe Space", home_type=home_type("safe-space"), beds=2)
    home.managers.add(home_manager)
    return home


@pytest.fixture
def place(social_worker):
    """Place a child on its social worker's caseload through the placement services."""

    def place(home, start, *, planned_end=None, **child):
        child.setdefault("date_of_birth", datetime.date(2011, 5, 1))
        return placements.place_child(
            child=ChildFactory(social_worker=social_worker, **child),
            home=home,
            start_date=start,
            planned_end_date=planned_end,
            legal_status="C2",
            by=social_worker,
        )

    return place
