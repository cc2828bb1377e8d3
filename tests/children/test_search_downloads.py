"""The children's search results: sorted by column, downloaded with the search and filters,
refused to the board member."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.downloads import both_downloads, every_page
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_download_holds_every_match_in_the_pages_order(client, social_worker):
    for n in range(30):
        ChildFactory(
            first_name="Sam", last_name=f"Jones{n:02d}", social_worker=social_worker,
            status="care_leaver" if n % 3 == 0 else "looked_after",
        )  # fmt: skip
    ChildFactory(first_name="Sam", last_name="Unseen")  # not on this caseload
    client.force_login(social_worker)
    query = {"q": "sam", "status": "looked_after", "sort": "-name"}
    shown = every_page(client, reverse("children:search"), query)
    assert [c.last_name for c in shown] == [f"Jones{n:02d}" for n in range(29, -1, -1) if n % 3]
    for records in both_downloads(client, "children:search_export", query):
        assert [r["Name"] for r in records] == [c.full_name for c in shown]
        assert {r["Status"] for r in records} == {"Looked after"}
    labels = AuditEvent.objects.filter(action="export").values_list("object_label", flat=True)
    assert list(labels) == [
        "Children: 20 rows as XLSX (Search: sam; Status: Looked after; Sorted by: name (descending))",
        "Children: 20 rows as CSV (Search: sam; Status: Looked after; Sorted by: name (descending))",
    ]


def test_a_download_without_a_search_goes_back_to_the_search(client, social_worker):
    client.force_login(social_worker)
    response = client.get(reverse("children:search_export", args=["csv"]))
    assert response.status_code == 302 and response["Location"] == reverse("children:search")


@pytest.mark.parametrize(
    "url_name",
    [
        "children:search_export",
        "placements:caseload_export",
        "carers:export",
        "careleavers:export",
        "homes:occupancy_export",
        "homes:vacancies_export",
        "alerts:export",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_board_member_gets_no_download(client, board_member, url_name, fmt):
    ChildFactory(first_name="Sam")
    client.force_login(board_member)
    response = client.get(reverse(url_name, args=[fmt]), {"q": "Sam", "start": "2026-06-01"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()
