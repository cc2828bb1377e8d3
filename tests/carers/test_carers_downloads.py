"""The carer household list's sorting and downloads: every filtered row, in the page's order."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from carers.models import CarerType
from tests.downloads import both_downloads, every_page
from tests.factories import CarerHouseholdFactory

from .test_carers_pages import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    """30 foster households (more than a page) with 0 to 2 free places, and 2 kinship ones."""
    for n in range(30):
        household = CarerHouseholdFactory(name=f"Foster {n:02d}", approved_places=2)
        for _ in range(n % 3):
            place(household)
    CarerHouseholdFactory(name="Kin A", carer_type=CarerType.KINSHIP)
    CarerHouseholdFactory(name="Kin B", carer_type=CarerType.KINSHIP)


def test_downloads_hold_every_filtered_row_in_the_pages_order(client, social_worker, council):
    client.force_login(social_worker)
    query = {"carer_type": "foster", "sort": "-vacancies"}
    shown = every_page(client, reverse("carers:list"), query)
    assert len(shown) == 30
    assert [h.vacancies for h in shown] == sorted((h.vacancies for h in shown), reverse=True)
    for records in both_downloads(client, "carers:export", query):
        assert [r["Household"] for r in records] == [h.name for h in shown]
        assert [r["Vacancies"] for r in records] == [str(h.vacancies) for h in shown]
        assert {r["Type of carer"] for r in records} == {"Foster carer (council)"}


def test_free_places_filter_and_sort_headings(client, social_worker, council):
    client.force_login(social_worker)
    full = every_page(client, reverse("carers:list"), {"places": "no", "carer_type": "foster"})
    assert {h.name for h in full} == {f"Foster {n:02d}" for n in range(2, 30, 3)}
    page = client.get(reverse("carers:list"), {"sort": "vacancies"}).content.decode()
    assert (
        'aria-sort="ascending"><a class="govuk-link app-sortable__link" href="?sort=-vacancies"'
        in page
    )
    assert 'aria-sort="none"><a class="govuk-link app-sortable__link" href="?sort=name"' in page


def test_a_download_is_audited_with_its_filters(client, social_worker, council):
    client.force_login(social_worker)
    response = client.get(reverse("carers:export", args=["csv"]), {"carer_type": "kinship"})
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.user == social_worker and event.object_type == "carers.carerhousehold"
    assert event.object_label == (
        "Carer households: 2 rows as CSV (Type of carer: Kinship carer (family and friends))"
    )
    assert event.path == "/carers/export.csv?carer_type=kinship"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_runs_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries, fmt
):
    client.force_login(administrator)
    counts = []
    for size in (2, 40):
        for _n in range(size):
            place(CarerHouseholdFactory(approved_places=3))
        with django_assert_max_num_queries(12) as captured:
            b"".join(client.get(reverse("carers:export", args=[fmt])).streaming_content)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_counting_per_page_and_all_at_once_agree(client, social_worker, council):
    """The page counts its own households; a sort by the counts counts every household."""
    client.force_login(social_worker)
    per_page = {
        h.name: (h.current_children, h.vacancies)
        for h in every_page(client, reverse("carers:list"))
    }
    all_at_once = {
        h.name: (h.current_children, h.vacancies)
        for h in every_page(client, reverse("carers:list"), {"sort": "children"})
    }
    assert per_page == all_at_once
    assert per_page["Foster 02"] == (2, 0) and per_page["Foster 01"] == (1, 1)
