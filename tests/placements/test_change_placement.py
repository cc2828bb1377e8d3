"""Move, end, planned end (with the edit-conflict guard), stay extensions and matching."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.dates import in_words
from placements import services
from placements.models import Placement, StayExtension
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, home_type

from .conftest import days
from .helpers import extension_request, signed_off_matching

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(social_worker, day):
    child = ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")
    return PlacementFactory(
        child=child, home=HomeFactory(name="Oak House"), start_date=day - days(40)
    )


def test_move_ends_one_stay_and_starts_the_next(client, social_worker, stay, day):
    elm = HomeFactory(name="Elm House")
    signed_off_matching(stay.child, elm)
    client.force_login(social_worker)
    response = client.post(
        reverse("placements:move", args=[stay.pk]),
        {"move_date": day.isoformat(), "home": elm.pk, "reason_placement_change": "CARPL"},
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    moved = Placement.objects.get(child=stay.child, end_date__isnull=True)
    assert (stay.end_date, stay.reason_episode_ceased, stay.outcome) == (day, "X1", "another_home")
    assert (moved.home, moved.start_date, moved.matching.home) == (elm, day, elm)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({}, "Ask the manager of Elm House to record and sign off a matching assessment"),
        ({"move_date": "2999-01-01"}, "must be between 1990 and"),
        ({"reason_placement_change": "NOPE"}, "Choose a reason from the list"),
        ({"home": ""}, "Choose a children&#x27;s home or a carer household"),
    ],
)
def test_bad_move_changes_nothing(client, social_worker, stay, day, changes, message):
    elm = HomeFactory(name="Elm House")
    client.force_login(social_worker)
    form = {"move_date": day.isoformat(), "home": elm.pk, "reason_placement_change": "CARPL"}
    response = client.post(reverse("placements:move", args=[stay.pk]), {**form, **changes})
    assert response.status_code == 200 and message in response.content.decode()
    stay.refresh_from_db()
    assert stay.is_open and Placement.objects.count() == 1


def test_a_move_dated_tomorrow_is_a_planned_move(client, social_worker, stay, day):
    elm = HomeFactory(name="Elm House")
    signed_off_matching(stay.child, elm)
    client.force_login(social_worker)
    response = client.post(
        reverse("placements:move", args=[stay.pk]),
        {
            "move_date": (day + days(1)).isoformat(),
            "home": elm.pk,
            "reason_placement_change": "CARPL",
        },
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    moved = Placement.objects.get(child=stay.child, home=elm)
    assert stay.end_date == moved.start_date == day + days(1)
    assert Placement.objects.active_on(day).get(child=stay.child) == stay  # still there today
    banner = client.get(response["Location"]).content.decode()
    assert f"moves to Elm House on {in_words(day + days(1))}" in banner


def test_a_move_before_the_stay_began_is_refused_on_the_move_date(client, social_worker, stay, day):
    elm = HomeFactory(name="Elm House")
    signed_off_matching(stay.child, elm)
    client.force_login(social_worker)
    page = client.post(
        reverse("placements:move", args=[stay.pk]),
        {
            "move_date": stay.start_date.isoformat(),
            "home": elm.pk,
            "reason_placement_change": "CARPL",
        },
    ).content.decode()
    assert "The end date must be after the placement started on" in page
    assert 'href="#id_move_date_0"' in page
    stay.refresh_from_db()
    assert stay.is_open


def test_end_is_checked_then_confirmed(client, social_worker, stay, day):
    client.force_login(social_worker)
    url = reverse("placements:end", args=[stay.pk])
    form = {"end_date": day.isoformat(), "outcome": "returned_home", "reason_episode_ceased": "E4A"}
    for bad, message in [
        ({"outcome": "moon"}, "Where did the child go?” from the list"),
        ({"end_date": (stay.start_date - days(1)).isoformat()}, "must be after the placement"),
        ({"reason_episode_ceased": ""}, "Choose the reason the episode ended"),
    ]:
        response = client.post(url, {**form, **bad})
        assert response.status_code == 200 and message in response.content.decode(), bad
    both = client.post(url, {"end_date": "", "outcome": ""}).content.decode()
    assert "Enter the end date" in both and "Choose where the child went" in both  # at once

    check = client.post(url, form).content.decode()  # the answers, to check
    assert "Check your answers before ending the placement" in check
    assert in_words(day) in check and "Returned home to family" in check
    assert f"{url}?end_date={day.isoformat()}&amp;outcome=returned_home" in check  # Change
    stay.refresh_from_db()
    assert stay.is_open

    change = client.get(f"{url}?end_date={day.isoformat()}&outcome=returned_home").content
    assert re.search(rb'value="returned_home"\s+checked', change)

    assert client.post(url, {**form, "confirmed": "yes"}).status_code == 302
    stay.refresh_from_db()
    assert (stay.end_date, stay.outcome, stay.reason_episode_ceased) == (
        day,
        "returned_home",
        "E4A",
    )
    assert client.get(url).status_code == 404  # an ended stay cannot be ended again


def test_a_planned_end_keeps_the_child_placed_until_the_day(client, social_worker, stay, day):
    client.force_login(social_worker)
    url = reverse("placements:end", args=[stay.pk])
    friday = day + days(3)
    form = {
        "end_date": friday.isoformat(),
        "outcome": "returned_home",
        "reason_episode_ceased": "E4A",
    }
    assert "stays at Oak House until" in client.post(url, form).content.decode()
    response = client.post(url, {**form, "confirmed": "yes"})
    assert response.status_code == 302
    assert (
        f"The placement will end on {in_words(friday)}"
        in client.get(response["Location"]).content.decode()
    )
    stay.refresh_from_db()
    assert stay.end_date == friday
    assert Placement.objects.active_on(day).filter(pk=stay.pk).exists()
    assert not Placement.objects.active_on(friday).filter(pk=stay.pk).exists()


def test_stale_planned_end_is_refused_with_both_versions(client, social_worker, stay, day):
    client.force_login(social_worker)
    url = reverse("placements:planned_end", args=[stay.pk])
    opened_at = stay.version
    services.change_planned_end(stay, planned_end_date=day + days(30), by=None)  # someone else
    response = client.post(
        url, {"planned_end_date": (day + days(60)).isoformat(), "version": opened_at}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this record" in page
    assert (day + days(60)).strftime("%d/%m/%Y") in page
    assert (day + days(30)).strftime("%d/%m/%Y") in page
    stay.refresh_from_db()
    assert stay.planned_end_date == day + days(30)

    current = {"planned_end_date": (day + days(60)).isoformat(), "version": stay.version}
    assert client.post(url, current).status_code == 302
    stay.refresh_from_db()
    assert stay.planned_end_date == day + days(60)
    tampered = client.post(url, {**current, "version": "x"}).content.decode()
    assert "This form is out of date or incomplete. Open the record again." in tampered
    stay.refresh_from_db()
    assert stay.planned_end_date == day + days(60)


def test_extension_is_requested_listed_and_authorised(client, social_worker, administrator, day):
    child = ChildFactory(social_worker=social_worker, date_of_birth=day - days(365 * 14))
    safe = HomeFactory(home_type=home_type("safe-space"))
    stay = PlacementFactory(
        child=child, home=safe, start_date=day - days(20), planned_end_date=day + days(8)
    )
    client.force_login(social_worker)
    url = reverse("placements:extension_request", args=[stay.pk])
    assert "Enter the reason" in client.post(url, {"extend_to": day.isoformat()}).content.decode()
    assert (
        "must be later than the planned end"
        in client.post(
            url, {"extend_to": day.isoformat(), "reason": "Court date moved"}
        ).content.decode()
    )
    new_end = (day + days(20)).isoformat()
    assert client.post(url, {"extend_to": new_end, "reason": "Court date moved"}).status_code == 302
    extension = StayExtension.objects.get()

    client.force_login(administrator)
    assert escape(child.full_name) in client.get(reverse("placements:extensions")).content.decode()
    decide = reverse("placements:extension_decide", args=[extension.pk])
    assert "Court date moved" in client.get(decide).content.decode()  # the reason, to decide on
    assert "Choose whether to authorise" in client.post(decide, {}).content.decode()
    assert (
        "Record the reason for authorising"
        in client.post(decide, {"decision": "authorise"}).content.decode()
    )
    response = client.post(decide, {"decision": "authorise", "note": "Court adjourned"})
    assert response.status_code == 302
    stay.refresh_from_db()
    extension.refresh_from_db()
    assert extension.status == "authorised" and stay.planned_end_date == day + days(20)
    assert client.get(decide).status_code == 302  # already decided: back to the list


def test_extensions_list_runs_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries
):
    for size in (3, 30):
        for _ in range(size):
            extension_request(PlacementFactory())
        client.force_login(administrator)
        with django_assert_max_num_queries(10):  # one: the menu's count of them
            assert client.get(reverse("placements:extensions")).status_code == 200


def test_the_end_and_its_check_run_a_fixed_number_of_queries(
    client, social_worker, stay, day, django_assert_max_num_queries
):
    client.force_login(social_worker)
    url = reverse("placements:end", args=[stay.pk])
    answers = {
        "end_date": day.isoformat(),
        "outcome": "returned_home",
        "reason_episode_ceased": "E4A",
    }
    with django_assert_max_num_queries(20) as small:
        assert "Check your answers" in client.post(url, answers).content.decode()
    for n in range(1, 11):  # ten earlier stays of the child's, and others' in the home
        for child in (stay.child, ChildFactory()):
            PlacementFactory(
                child=child,
                home=stay.home,
                start_date=stay.start_date - days(40 * n),
                end_date=stay.start_date - days(40 * n - 20),
            )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Check your answers" in client.post(url, answers).content.decode()
