"""The child's record is where a placement is acted on: what it offers depends on where the
child lives now (a home or a carer household, a move or end already planned, nowhere) and on
who is looking."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from placements import services
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
    home_type,
)

from .conftest import days

pytestmark = pytest.mark.django_db


def record(client, child):
    return client.get(reverse("children:detail", args=[child.pk])).content.decode()


def links(page, stay):
    return {
        name: reverse(f"placements:{name}", args=[stay.pk]) in page
        for name in ("move", "end", "planned_end", "extension_request", "cancel_leaving")
    }


@pytest.fixture
def child(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")


def test_a_safe_space_stay_can_be_moved_ended_changed_and_extended(
    client, social_worker, child, day
):
    stay = PlacementFactory(
        child=child,
        home=HomeFactory(home_type=home_type("safe-space")),
        start_date=day - days(5),
        planned_end_date=day + days(20),
    )
    client.force_login(social_worker)
    page = record(client, child)
    assert links(page, stay) == {
        "move": True,
        "end": True,
        "planned_end": True,
        "extension_request": True,
        "cancel_leaving": False,
    }
    assert "Search vacancies for a move" in page


def test_a_carer_household_stay_offers_the_same_but_no_stay_extension(
    client, social_worker, child, day
):
    stay = PlacementFactory(
        child=child, home=None, carer=CarerHouseholdFactory(), start_date=day - days(50)
    )
    client.force_login(social_worker)
    assert links(record(client, child), stay) == {
        "move": True,
        "end": True,
        "planned_end": True,
        "extension_request": False,
        "cancel_leaving": False,
    }


def test_a_planned_end_offers_only_to_cancel_it(client, social_worker, child, day):
    stay = PlacementFactory(child=child, start_date=day - days(5))
    services.end_placement(
        stay,
        end_date=day + days(2),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    client.force_login(social_worker)
    page = record(client, child)
    assert links(page, stay)["cancel_leaving"] and not links(page, stay)["move"]
    assert "Returned home to family" in page and "Search vacancies" not in page


def test_a_child_placed_nowhere_can_be_found_a_placement(client, social_worker, child, day):
    PlacementFactory(child=child, start_date=day - days(90), end_date=day - days(10))
    client.force_login(social_worker)
    page = record(client, child)
    assert "Not placed" in page and "Find a placement" in page


def test_a_child_arriving_soon_shows_where_and_nothing_to_find(client, social_worker, child, day):
    PlacementFactory(child=child, home=HomeFactory(name="Elm House"), start_date=day + days(3))
    client.force_login(social_worker)
    page = record(client, child)
    assert "Arriving" in page and "Elm House" in page and "Find a placement" not in page
    assert "Planned</strong>" in page


def test_a_manager_acts_only_on_stays_in_their_homes_and_advisers_not_at_all(
    client, home_manager, child, day
):
    home = HomeFactory()
    home.managers.add(home_manager)
    stay = PlacementFactory(child=child, home=home, start_date=day - days(5))
    client.force_login(home_manager)
    page = record(client, child)
    assert links(page, stay)["move"] and not links(page, stay)["extension_request"]
    assert "Find a placement" not in page and "Search vacancies" not in page

    adviser = UserFactory(username="pa", role=Role.PERSONAL_ADVISER)
    child.key_worker = adviser
    child.save()
    client.force_login(adviser)
    assert not any(links(record(client, child), stay).values())


def test_the_record_lists_the_childs_match_requests(client, social_worker, child, day):
    from .helpers import match_request

    match_request(child, HomeFactory(name="Oak House"), by=social_worker)
    client.force_login(social_worker)
    page = record(client, child)
    assert "Match requests" in page and "Oak House from" in page
    assert "Waiting for the manager" in page


def test_history_marks_the_current_and_the_planned_stay(client, social_worker, child, day):
    stay = PlacementFactory(
        child=child, home=HomeFactory(name="Oak House"), start_date=day - days(9)
    )
    services.move_child(
        stay,
        move_date=day + datetime.timedelta(days=1),
        home=HomeFactory(name="Elm House"),
        reason_placement_change="CARPL",
        by=social_worker,
    )
    client.force_login(social_worker)
    page = record(client, child)
    assert page.count("Current</strong>") == 1 and page.count("Planned</strong>") == 1
    assert "moving to Elm House" in page
