"""Moves and ends dated ahead (planned), for a home or a carer household: the stay counts until
the day, the next one books its place from then, the look-ahead shows both, and either can be
cancelled before the day. Extension requests close once the child has left."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from homes.models import Home
from placements import services
from placements.models import Placement, StayExtension
from placements.occupancy import occupancy
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

from .conftest import MONDAY, at, monday_plus
from .helpers import extension_request, signed_off_matching

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
days = monday_plus


@pytest.fixture
def child(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")


@pytest.fixture
def with_carers(child):
    return PlacementFactory(
        child=child,
        home=None,
        carer=CarerHouseholdFactory(name="The Ahmed household"),
        start_date=days(-100),
        placement_type="U6",
    )


def test_a_carer_placement_moves_from_the_childs_record_to_another_household_tomorrow(
    client, social_worker, child, with_carers
):
    brown = CarerHouseholdFactory(name="The Brown household")
    client.force_login(social_worker)
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    move_url = reverse("placements:move", args=[with_carers.pk])
    assert f'href="{move_url}"' in record and "Move Ada" in record

    response = client.post(
        move_url,
        {"move_date": days(1).isoformat(), "carer": brown.pk, "reason_placement_change": "CARPL"},
    )

    assert response.status_code == 302
    with_carers.refresh_from_db()
    moved = Placement.objects.get(child=child, carer=brown)
    assert (with_carers.end_date, with_carers.outcome, moved.start_date) == (
        days(1),
        "foster_care",
        days(1),
    )
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "moving to The Brown household" in record
    assert "Cancel the planned move or end" in record


def test_a_carer_placement_ends_from_the_childs_record(client, social_worker, child, with_carers):
    client.force_login(social_worker)
    end_url = reverse("placements:end", args=[with_carers.pk])
    assert end_url in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    answers = {
        "end_date": days(0).isoformat(),
        "outcome": "returned_home",
        "reason_episode_ceased": "E4A",
    }
    client.post(end_url, answers)  # the check-your-answers step
    assert client.post(end_url, {**answers, "confirmed": "yes"}).status_code == 302
    with_carers.refresh_from_db()
    assert with_carers.end_date == days(0)


def test_a_planned_move_is_a_departure_and_an_arrival_in_the_look_ahead(social_worker, child):
    oak, elm = HomeFactory(name="Oak House"), HomeFactory(name="Elm House")
    stay = PlacementFactory(child=child, home=oak, start_date=days(-30))
    signed_off_matching(child, elm)
    from placements.matching import move_child_after_matching

    moved = move_child_after_matching(
        stay, move_date=days(1), home=elm, reason_placement_change="CARPL", by=social_worker
    )

    rows = {row.home.name: row for row in occupancy(Home.objects.all(), MONDAY)}
    assert (rows["Oak House"].occupied, rows["Elm House"].occupied) == (1, 0)  # still at Oak
    assert rows["Oak House"].departures == [stay] and rows["Oak House"].next_planned_end == days(1)
    assert rows["Elm House"].arrivals == [moved]
    tomorrow = {row.home.name: row for row in occupancy(Home.objects.all(), days(1))}
    assert (tomorrow["Oak House"].occupied, tomorrow["Elm House"].occupied) == (0, 1)


def test_a_planned_move_books_the_bed_it_goes_to(social_worker, child):
    elm = HomeFactory(name="Elm House", beds=1)
    stay = PlacementFactory(child=child, home=HomeFactory(), start_date=days(-30))
    services.move_child(
        stay, move_date=days(3), home=elm, reason_placement_change="CARPL", by=social_worker
    )
    other = PlacementFactory(child=ChildFactory(), home=HomeFactory(), start_date=days(-30))
    with pytest.raises(ValidationError, match="Elm House has no free bed"):
        services.move_child(
            other, move_date=days(5), home=elm, reason_placement_change="CARPL", by=social_worker
        )


def test_a_planned_move_is_cancelled_before_the_day_and_nothing_is_lost(social_worker, child):
    stay = PlacementFactory(child=child, home=HomeFactory(name="Oak House"), start_date=days(-9))
    moved = services.move_child(
        stay,
        move_date=days(2),
        home=HomeFactory(name="Elm House"),
        reason_placement_change="CARPL",
        by=social_worker,
    )
    with pytest.raises(ValidationError, match="Enter why"):
        services.cancel_planned_leaving(stay, reason=" ", by=social_worker)

    services.cancel_planned_leaving(stay, reason="The family meeting changed the plan", by=None)

    stay.refresh_from_db()
    moved.refresh_from_db()
    assert stay.is_open and not stay.outcome and not stay.reason_episode_ceased
    assert moved.entered_in_error and "family meeting" in moved.correction_reason
    assert Placement.objects.live().filter(child=child).get() == stay
    changes = AuditEvent.objects.filter(object_type="placements.placement", action="update")
    assert {e.object_id for e in changes} == {str(stay.pk), str(moved.pk)}


def test_a_move_or_end_cannot_be_cancelled_once_the_day_has_come(monday, social_worker, child):
    stay = PlacementFactory(child=child, home=HomeFactory(), start_date=days(-9))
    services.end_placement(
        stay, end_date=days(1), outcome="returned_home", reason_episode_ceased="E4A", by=None
    )
    monday.move_to(at(days(1), 9))
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.cancel_planned_leaving(stay, reason="Too late", by=social_worker)


def test_the_cancel_page_works_for_the_childs_worker(client, social_worker, child):
    stay = PlacementFactory(child=child, home=HomeFactory(), start_date=days(-9))
    services.end_placement(
        stay, end_date=days(4), outcome="returned_home", reason_episode_ceased="E4A", by=None
    )
    client.force_login(social_worker)
    url = reverse("placements:cancel_leaving", args=[stay.pk])
    refused = client.post(url, {"reason": ""}).content.decode()
    assert "Enter why the planned move or end is cancelled" in refused
    assert client.post(url, {"reason": "Return home postponed"}).status_code == 302
    stay.refresh_from_db()
    assert stay.is_open
    assert client.get(url).status_code == 404  # nothing planned any more


# Extension requests close themselves when the child has left.


@pytest.fixture
def safe_space_stay(child):
    return PlacementFactory(
        child=child,
        home=HomeFactory(name="Wykebeck", home_type=home_type("safe-space")),
        start_date=days(-20),
        planned_end_date=days(8),
    )


def test_an_extension_waiting_closes_when_the_child_leaves(
    client, safe_space_stay, social_worker, administrator
):
    waiting = extension_request(safe_space_stay, days=40)
    services.end_placement(
        safe_space_stay,
        end_date=days(0),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    waiting.refresh_from_db()
    assert waiting.status == StayExtension.Status.CLOSED and waiting.decided_by is None
    assert AuditEvent.objects.filter(
        object_type="placements.stayextension", object_id=str(waiting.pk), action="update"
    ).exists()
    with pytest.raises(ValidationError, match="can no longer be decided"):
        services.decide_extension(waiting, authorise=True, note="Too late", by=administrator)
    with pytest.raises(ValidationError, match="has left this placement"):
        services.request_extension(
            safe_space_stay, extend_to=days(30), reason="Late", by=social_worker
        )
    client.force_login(administrator)
    assert "Lovelace" not in client.get(reverse("placements:extensions")).content.decode()
    page = client.get(reverse("placements:extension_decide", args=[waiting.pk]), follow=True)
    assert "can no longer be decided: Closed: the child left the placement" in (
        page.content.decode()
    )


def test_an_extension_stays_open_until_a_planned_end_then_the_daily_run_closes_it(
    monday, safe_space_stay, social_worker, administrator
):
    from timescales.services import run_day

    waiting = extension_request(safe_space_stay, days=40)
    services.end_placement(
        safe_space_stay,
        end_date=days(5),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    waiting.refresh_from_db()
    assert waiting.status == StayExtension.Status.REQUESTED  # the child is still there
    assert list(StayExtension.objects.waiting(days(4))) == [waiting]

    monday.move_to(at(days(5), 6))
    assert list(StayExtension.objects.waiting(days(5))) == []  # undecidable from the day
    assert run_day(days(5), send_email=False)["extensions_closed"] == 1
    waiting.refresh_from_db()
    assert waiting.status == StayExtension.Status.CLOSED
    assert run_day(days(5), send_email=False)["extensions_closed"] == 0


def test_an_extension_closes_when_its_stay_was_recorded_in_error(safe_space_stay, social_worker):
    waiting = extension_request(safe_space_stay)
    services.correct_placement(safe_space_stay, reason="Wrong child", by=social_worker)
    waiting.refresh_from_db()
    assert waiting.status == StayExtension.Status.CLOSED


def test_only_a_head_of_service_decides(safe_space_stay, social_worker):
    with pytest.raises(PermissionDenied):
        services.decide_extension(
            extension_request(safe_space_stay), authorise=False, note="", by=social_worker
        )


def test_an_extension_can_still_be_asked_for_until_a_planned_end(
    client, safe_space_stay, social_worker
):
    services.end_placement(
        safe_space_stay,
        end_date=days(10),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    client.force_login(social_worker)
    record = client.get(reverse("children:detail", args=[safe_space_stay.child_id])).content
    url = reverse("placements:extension_request", args=[safe_space_stay.pk])
    assert url.encode() in record
    answers = {"extend_to": days(10).isoformat(), "reason": "Return home on the 12th"}
    assert client.post(url, answers).status_code == 302
    assert StayExtension.objects.get().placement == safe_space_stay
