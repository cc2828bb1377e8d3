"""The alerts list: only what the person was told about, open unless they ask for resolved ones,
filtered, sorted, paged and downloaded, naming a child only to those who may see them."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.downloads import both_downloads, every_page
from tests.factories import ChildFactory, HomeFactory
from tests.notifications.test_notifications import tell
from timescales.models import Alert

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 4, 1)


@pytest.fixture(autouse=True)
def _on_day():
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0), tick=False):
        yield


def alert(n, *, child=None, rule="planned_end_passed", due=DAY, resolved=None):
    return Alert.objects.create(
        rule=rule, subject_type="placement", subject_id=n, key=str(n), due=due,
        summary=f"Summary {n}", child=child, home=HomeFactory(name=f"Home {n:02d}"),
        opened_on=due - datetime.timedelta(days=7), resolved_on=resolved,
    )  # fmt: skip


@pytest.fixture
def alerts(social_worker):
    mine = ChildFactory(first_name="Amira", last_name="Khan", social_worker=social_worker)
    not_mine = ChildFactory(first_name="Bethany", last_name="Cole")
    made = [
        alert(n, child=mine if n % 2 else not_mine, due=DAY + datetime.timedelta(days=n - 10))
        for n in range(28)
    ]
    made.append(alert(90, rule="reg44_visit_due", resolved=DAY))
    alert(91)  # nobody told this person
    for each in made:
        tell(social_worker, each)
    return made


def test_open_alerts_the_person_was_told_about_soonest_first(client, social_worker, alerts):
    client.force_login(social_worker)
    shown = every_page(client, reverse("alerts:list"))
    assert [a.subject_id for a in shown] == list(range(28))
    resolved = every_page(client, reverse("alerts:list"), {"show": "resolved"})
    assert [a.subject_id for a in resolved] == [90]
    assert len(every_page(client, reverse("alerts:list"), {"show": "all"})) == 29
    overdue = every_page(client, reverse("alerts:list"), {"due": "overdue", "sort": "-due"})
    assert [a.subject_id for a in overdue] == list(range(9, -1, -1))
    by_check = every_page(client, reverse("alerts:list"), {"rule": "reg44_visit_due"})
    assert by_check == []  # the Reg 44 alert is resolved, and only open ones show by default


def test_download_names_only_children_the_person_may_see(client, social_worker, alerts):
    client.force_login(social_worker)
    for records in both_downloads(client, "alerts:export", {"due": "overdue"}):
        assert [r["Home"] for r in records] == [f"Home {n:02d}" for n in range(10)]
        assert {r["About"] for r in records} == {
            "Amira Khan",
            "A child whose record you cannot open",
        }
        assert all("Bethany" not in value for r in records for value in r.values())
        assert records[0]["Due"] == "2026-03-22" and records[0]["Resolved"] == ""


@pytest.mark.parametrize("url_name, args", [("alerts:list", []), ("alerts:export", ["csv"])])
def test_the_same_queries_at_two_sizes(
    client, social_worker, django_assert_max_num_queries, url_name, args
):
    client.force_login(social_worker)
    client.get("/")
    counts = []
    for first, size in ((0, 2), (100, 40)):
        for n in range(first, first + size):
            tell(social_worker, alert(n, child=ChildFactory(social_worker=social_worker)))
        with django_assert_max_num_queries(15) as captured:
            response = client.get(reverse(url_name, args=args))
            if response.streaming:
                b"".join(response.streaming_content)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
