"""The match requests list pages and downloads like every other list, and the vacancy search
opened for a child keeps the child through its sorting, pages and downloads."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from placements.models import MatchRequest
from tests.downloads import both_downloads, every_page
from tests.factories import ChildFactory, HomeFactory

from .conftest import monday_plus
from .helpers import match_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
days = monday_plus


def _requests(social_worker, home, n, *, start=0):
    return [
        match_request(
            ChildFactory(social_worker=social_worker, last_name=f"Child {start + i:02d}"),
            home,
            by=social_worker,
            start=days(7 + i),
        )
        for i in range(n)
    ]


def test_the_list_pages_and_downloads_every_open_request_in_its_order(client, social_worker, oak):
    made = _requests(social_worker, oak, 28)
    closed = MatchRequest.objects.filter(pk__in=[made[0].pk, made[1].pk])
    closed.filter(pk=made[0].pk).update(status="withdrawn", withdrawn_at=timezone.now())
    closed.filter(pk=made[1].pk).update(status="declined", answered_at=timezone.now())
    client.force_login(social_worker)

    shown = every_page(client, reverse("placements:requests"))
    assert len(shown) == 26  # the open ones, more than a page, newest first
    assert [m.pk for m in shown] == [m.pk for m in reversed(made[2:])]
    for records in both_downloads(client, "placements:requests_export"):
        assert [r["Child"] for r in records] == [m.child.full_name for m in shown]
        assert records[0]["Home"] == "Oak House" and records[0]["Local identifier"]
        assert records[-1]["Proposed start"] == shown[-1].proposed_start.isoformat()
        assert {r["Status"] for r in records} == {"Waiting for the manager"}

    everything = both_downloads(client, "placements:requests_export", {"show": "all"})[0]
    assert len(everything) == 28
    assert [r["Status"] for r in everything[-2:]] == ["Declined", "Withdrawn"]


def test_a_download_is_audited_with_what_it_shows(client, home_manager, social_worker, oak):
    _requests(social_worker, oak, 2)
    client.force_login(home_manager)
    response = client.get(reverse("placements:requests_export", args=["csv"]), {"show": "all"})
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.user == home_manager and event.object_type == "placements.matchrequest"
    assert event.object_label == "Match requests: 2 rows as CSV (Shown: Open and closed requests)"


def test_a_manager_downloads_only_the_requests_to_their_homes(
    client, home_manager, social_worker, oak
):
    _requests(social_worker, oak, 1)
    _requests(social_worker, HomeFactory(name="Elm House"), 1, start=1)
    client.force_login(home_manager)
    for records in both_downloads(client, "placements:requests_export"):
        assert [r["Home"] for r in records] == ["Oak House"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_list_and_its_download_run_the_same_queries_at_two_sizes(
    client, administrator, social_worker, oak, fmt, django_assert_max_num_queries
):
    client.force_login(administrator)
    counts = []
    for size in (2, 40):
        _requests(social_worker, oak, size, start=len(counts) * 2)
        with django_assert_max_num_queries(10) as page:
            assert client.get(reverse("placements:requests")).status_code == 200
        with django_assert_max_num_queries(9) as download:
            response = client.get(reverse("placements:requests_export", args=[fmt]))
            b"".join(response.streaming_content)
        counts.append((len(page), len(download)))
    assert counts[0] == counts[1], counts


def test_the_vacancy_search_for_a_child_keeps_them_through_sorting_pages_and_downloads(
    client, social_worker, oak
):
    ada = ChildFactory(social_worker=social_worker, date_of_birth=datetime.date(2012, 6, 15))
    homes = [HomeFactory(name=f"Home {n:02d}") for n in range(26)]
    client.force_login(social_worker)
    query = {"child": ada.pk, "start": days(7).isoformat(), "sort": "-name"}
    page = client.get(reverse("homes:vacancies"), query)
    html = page.content.decode()
    assert f'name="child" value="{ada.pk}"' in html  # searched again with the form: still Ada
    assert page.context["page"].paginator.count == 27
    assert f"?child={ada.pk}&amp;start={days(7).isoformat()}&amp;sort=name" in html  # heading

    def ask(home):
        return f"{reverse('placements:request_new')}?child={ada.pk}&amp;home={home.pk}"

    assert ask(oak) in html and "page=2" in html  # Oak House sorts first, backwards
    second = client.get(reverse("homes:vacancies"), {**query, "page": 2}).content.decode()
    assert ask(homes[0]) in second and "Finding a placement for" in second
    for records in both_downloads(client, "homes:vacancies_export", query):
        assert len(records) == 27 and records[0]["Home"] == "Oak House"
        assert records[-1]["Home"] == "Home 00"
