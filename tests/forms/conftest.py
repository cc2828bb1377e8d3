import pytest

from tests.access.world import build_world


@pytest.fixture
def world(db):
    """The permission table's council: each role's own records and someone else's. Its rules
    (tests/access/rules_*.py) give each page's ids and who may open it."""
    return build_world()
