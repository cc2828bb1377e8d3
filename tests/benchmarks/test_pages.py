"""`make bench`'s page table counts each page's queries inside Django (benchmarks/pages.py):
for the people in the load plan, as the timed requests ask for the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from benchmarks import pages
from tests.factories import UserFactory

from ..two_factor import VerifiedClient

pytestmark = pytest.mark.django_db

FLOOR = "floor: change password form"


@pytest.fixture
def plan():
    """A plan with one social worker, who works on no records yet."""
    client = VerifiedClient()
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    person = {"session": client.cookies["sessionid"].value, "search": "Sam"}
    return {"people": {"social_worker": [person]}, "day": "2026-12-06", "carers": []}


def _queries_for(session, path):
    client = VerifiedClient()
    client.cookies["sessionid"] = session
    client.get(path)  # as pages.queries warms up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_each_page_the_plan_reaches_is_counted_as_its_person_asks_for_it(plan):
    counted = pages.queries(plan)

    session = plan["people"]["social_worker"][0]["session"]
    assert counted[FLOOR][0] == _queries_for(session, "/accounts/password_change/")
    assert counted["my work: social worker"][0] == _queries_for(session, "/")
    assert counted["my work: social worker"][0] > counted[FLOOR][0]
    assert all(sql_ms >= 0 for _, sql_ms in counted.values())
    # Nobody of the role, or no record of the kind: not asked for.
    assert "my work: home manager" not in counted
    assert "child record" not in counted


def test_a_page_that_refuses_its_person_is_not_counted(plan):
    # The social worker stands in for an administrator, whose pages refuse them.
    plan["people"]["administrator"] = plan["people"]["social_worker"]

    counted = pages.queries(plan)

    assert "audit log" not in counted
    assert "extension requests" not in counted
    assert FLOOR in counted


def test_the_table_gives_the_counts_beside_the_timings():
    timed = [
        {"page": FLOOR, "p50": 8.0, "p95": 10.0},
        {"page": "child record", "problem": "answered 403"},
        {"page": "home page", "p50": 20.0, "p95": 31.0},
    ]
    rows = pages.table(timed, 10.0, {FLOOR: (4, 1.23), "child record": (15, 7.0)}).splitlines()

    assert rows[0] == "| page | p50 ms | p95 ms | p95 / floor | queries | SQL ms |"
    assert rows[2] == f"| {FLOOR} | 8 | 10 | 1.0 | 4 | 1.2 |"
    assert rows[3] == "| child record | – | – | not timed: answered 403 | 15 | 7.0 |"
    assert rows[4] == "| home page | 20 | 31 | 3.1 | – | – |"


def test_a_search_with_spaces_or_apostrophes_is_asked_for_as_typed(plan):
    plan["people"]["administrator"] = [{"session": "s", "search": "de O'Neill"}]

    _, path = pages.address(plan, "administrator", "/children/search/?q={search}", None)

    assert path == "/children/search/?q=de+O%27Neill"
