"""The carer household list and page: filters, vacancies, names only to those allowed, and a
fixed number of queries whatever the size of the council."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from carers.models import (
    AllowanceRate,
    ApprovalStatus,
    CarerType,
    LevelFee,
    MockingbirdHub,
    Outreach,
)
from tests.factories import (
    CarerFactory,
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def place(household, child=None, start=datetime.date(2026, 1, 5), **kwargs):
    return PlacementFactory(
        child=child or ChildFactory(),
        home=None,
        carer=household,
        start_date=start,
        placement_type="U6",
        **kwargs,
    )


def make_council(households, children_each=2):
    hub = MockingbirdHub.objects.create(name=f"Hub {households}")
    wraparound = HomeFactory(home_type=home_type("wraparound"))
    made = []
    for _ in range(households):
        household = CarerHouseholdFactory(approved_places=3, mockingbird_hub=hub)
        CarerFactory.create_batch(children_each, household=household)
        for _child in range(children_each):
            placement = place(household)
            Outreach.objects.create(
                hub=wraparound,
                household=household,
                child=placement.child,
                date=TODAY,
                kind=Outreach.Kind.SESSION,
                hours=2,
            )
        made.append(household)
    return made


def test_list_shows_places_children_and_vacancies(client, social_worker):
    full = CarerHouseholdFactory(name="Ash household", approved_places=2)
    place(full)
    place(full)
    roomy = CarerHouseholdFactory(name="Birch household", approved_places=3)
    place(roomy)
    place(roomy, end_date=datetime.date(2026, 5, 1))  # left: not counted
    CarerHouseholdFactory(
        name="Cedar household", approved_places=2, approval_status=ApprovalStatus.ON_HOLD
    )
    client.force_login(social_worker)
    response = client.get(reverse("carers:list"))
    rows = {h.name: (h.current_children, h.vacancies) for h in response.context["page"].object_list}
    assert rows == {"Ash household": (2, 0), "Birch household": (1, 2), "Cedar household": (0, 0)}


def test_list_filters(client, social_worker):
    hub = MockingbirdHub.objects.create(name="North constellation")
    CarerHouseholdFactory(name="Kin", carer_type=CarerType.KINSHIP, level=1)
    CarerHouseholdFactory(name="Hubbed", mockingbird_hub=hub, level=3)
    CarerHouseholdFactory(name="Held", approval_status=ApprovalStatus.ON_HOLD, level=3)
    client.force_login(social_worker)

    def names(**query):
        page = client.get(reverse("carers:list"), query).context["page"]
        return sorted(h.name for h in page.object_list)

    assert names(carer_type="kinship") == ["Kin"]
    assert names(hub=hub.pk) == ["Hubbed"]
    assert names(level=3) == ["Held", "Hubbed"]
    assert names(level=3, approval_status="on_hold") == ["Held"]


@pytest.mark.parametrize(
    "query",
    [
        {"level": "abc"},
        {"hub": "999999"},
        {"carer_type": "pirate"},
        {"page": "x"},
        {"page": "9999"},
    ],
)
def test_a_bad_filter_is_explained_and_ignored(client, social_worker, query):
    CarerHouseholdFactory(name="Only one")
    client.force_login(social_worker)
    response = client.get(reverse("carers:list"), query)
    assert response.status_code == 200
    assert [h.name for h in response.context["page"].object_list] == ["Only one"]
    if "page" not in query:
        assert "The filter was not used" in response.content.decode()
    clear = f'href="{reverse("carers:list")}">Clear filters</a>'
    assert clear in response.content.decode()


def test_list_is_paginated(client, social_worker):
    for _ in range(30):
        CarerHouseholdFactory()
    client.force_login(social_worker)
    first = client.get(reverse("carers:list"))
    second = client.get(reverse("carers:list"), {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_household_page_names_only_children_the_person_may_see(client, social_worker, home_manager):
    household = CarerHouseholdFactory(last_review_on=datetime.date(2025, 5, 20))
    place(
        household,
        ChildFactory(first_name="Mine", last_name="Caseload", social_worker=social_worker),
    )
    place(
        household,
        ChildFactory(
            first_name="Someone", last_name="Else", date_of_birth=datetime.date(2015, 1, 1)
        ),
    )
    client.force_login(social_worker)
    page = client.get(reverse("carers:detail", args=[household.pk])).content.decode()
    assert "Mine Caseload" in page and "Someone Else" not in page
    assert "A child aged 11, placed 05/01/2026" in page
    assert "20 May 2026" in page and "Overdue" in page  # next review = last review + 1 year
    client.force_login(home_manager)
    page = client.get(reverse("carers:detail", args=[household.pk])).content.decode()
    assert "Mine Caseload" not in page and "Someone Else" not in page


def test_household_page_shows_the_allowance_due(client, administrator):
    AllowanceRate.objects.create(
        min_age=11,
        max_age=15,
        weekly_amount=Decimal("210.00"),
        effective_from=datetime.date(2026, 4, 6),
    )
    LevelFee.objects.create(
        level=2, weekly_fee=Decimal("110.00"), effective_from=datetime.date(2026, 4, 6)
    )
    household = CarerHouseholdFactory(level=2)
    place(household, ChildFactory(date_of_birth=datetime.date(2014, 1, 1)))
    place(household, ChildFactory(date_of_birth=datetime.date(2013, 1, 1)))
    client.force_login(administrator)
    response = client.get(reverse("carers:detail", args=[household.pk]))
    assert response.context["allowance"].total == Decimal("530.00")
    assert "£530.00" in response.content.decode()


def test_unknown_household_is_not_found(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("carers:detail", args=[999999])).status_code == 404
    assert client.get(reverse("carers:approval", args=[999999])).status_code in (403, 404)


@pytest.mark.parametrize(
    "url_name",
    [
        "carers:list",
        "carers:detail",
        "carers:outreach_add",
        "carers:approval",
        "carers:edit",
        "carers:carer_add",
    ],
)
def test_pages_run_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries, url_name
):
    small = make_council(2, children_each=1)
    large = make_council(30, children_each=3)
    client.force_login(administrator)
    counts = []
    for household in (small[0], large[0]):
        args = [] if url_name == "carers:list" else [household.pk]
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse(url_name, args=args)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
