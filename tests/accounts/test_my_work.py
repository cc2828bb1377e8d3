import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.dates import today
from tests.factories import BedBlockFactory, ChildFactory, HomeFactory, PlacementFactory, home_type
from tests.placements.helpers import days_ago, make_caseload

pytestmark = pytest.mark.django_db
URL = reverse("accounts:my_work")


def test_social_worker_sees_caseload_with_days_against_stay_limit(client, social_worker):
    child = ChildFactory(social_worker=social_worker, first_name="Ava")
    home = HomeFactory(name="Beech Safe Space", home_type=home_type("safe-space"))
    PlacementFactory(child=child, home=home, start_date=days_ago(21), planned_end_date=days_ago(-7))
    ChildFactory(first_name="Someone-Elses")
    client.force_login(social_worker)

    page = client.get(URL).content.decode()

    assert "Ava" in page and "Beech Safe Space" in page
    assert "Day 22 of 28" in page
    assert "Near stay limit" in page  # 6 days left, warned from 7
    assert "Someone-Elses" not in page


def test_stay_past_its_limit_is_flagged(client, social_worker):
    child = ChildFactory(social_worker=social_worker)
    PlacementFactory(
        child=child, home=HomeFactory(home_type=home_type("safe-space")), start_date=days_ago(30)
    )
    client.force_login(social_worker)

    page = client.get(URL).content.decode()

    assert "Day 31 of 28" in page and "Over stay limit" in page


def test_authorised_extension_moves_the_limit(client, social_worker, home_manager):
    make_caseload(social_worker, home_manager, 1)  # authorised to day 35
    client.force_login(social_worker)

    page = client.get(URL).content.decode()

    assert "Day 22 of 35" in page and "stay limit" not in page


def test_home_manager_sees_todays_occupancy_and_movements(client, home_manager):
    home = HomeFactory(name="Oak House", beds=4)
    home.managers.add(home_manager)
    PlacementFactory(
        home=home,
        start_date=days_ago(10),
        planned_end_date=today() + datetime.timedelta(days=3),
        child=ChildFactory(first_name="Leaving"),
    )
    PlacementFactory(
        home=home,
        start_date=today() + datetime.timedelta(days=5),
        child=ChildFactory(first_name="Arriving"),
    )
    BedBlockFactory(home=home, start_date=days_ago(1))
    HomeFactory(name="Not Mine")
    client.force_login(home_manager)

    response = client.get(URL)

    row = response.context["homes"][0]
    assert (row.beds, row.occupied, row.blocked, row.free) == (4, 1, 1, 2)
    page = response.content.decode()
    assert "Oak House" in page and "Not Mine" not in page
    assert "Arriving" in page and "Leaving" in page


def test_visitor_sees_only_assigned_homes(client, visitor):
    HomeFactory(name="Visited Home").independent_visitors.add(visitor)
    HomeFactory(name="Other Home")
    client.force_login(visitor)

    page = client.get(URL).content.decode()

    assert "Visited Home" in page and "Other Home" not in page


def test_board_member_gets_reports_link_and_nothing_identifying(client, board_member):
    child = ChildFactory(first_name="Identifiable")
    PlacementFactory(child=child)
    client.force_login(board_member)

    page = client.get(URL).content.decode()

    assert 'href="/reports/"' in page
    assert "Identifiable" not in page and child.local_id not in page


def test_administrator_sees_extensions_waiting_for_a_decision(
    client, administrator, social_worker, home_manager
):
    stays = make_caseload(social_worker, home_manager, 2)
    client.force_login(administrator)

    response = client.get(URL)

    assert response.context["pending_count"] == 2
    assert response.context["children_placed"] == 2
    assert escape(stays[0].child.full_name) in response.content.decode()


def test_alerts_slot_is_on_the_page(client, social_worker):
    client.force_login(social_worker)
    assert '<h2 class="govuk-heading-m">Alerts</h2>' in client.get(URL).content.decode()


@pytest.mark.parametrize("role_fixture", ["social_worker", "home_manager", "administrator"])
def test_query_count_does_not_grow_with_data(
    request, client, social_worker, home_manager, django_assert_max_num_queries, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    make_caseload(social_worker, home_manager, 2)
    with django_assert_max_num_queries(20) as small:  # the alerts panel included
        client.get(URL)
    make_caseload(social_worker, home_manager, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200
