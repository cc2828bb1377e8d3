"""Moves and ends planned ahead, with what the DfE return reads of them: the move form's 903
answers on a move dated ahead, the legal status history when a planned move is cancelled, and
a change of legal status recorded before the day a move is planned for."""

import pytest
from django.urls import reverse

from children.models import Child, LegalStatusRecord
from placements import legal_status, services
from placements.episodes import episodes
from placements.models import Placement
from tests.factories import CarerHouseholdFactory, ChildFactory

from .conftest import monday_plus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
days = monday_plus


@pytest.fixture
def child(social_worker):
    return ChildFactory(social_worker=social_worker, home_postcode="LS9 6LA")


@pytest.fixture
def with_carers(child, social_worker):
    """Ada with foster carers since 60 days ago, on an interim care order (C1)."""
    return services.place_child(
        child=child,
        start_date=days(-60),
        carer=CarerHouseholdFactory(name="The Ahmed household"),
        legal_status="C1",
        by=social_worker,
    )


def history(child) -> list[tuple]:
    live = LegalStatusRecord.objects.live().filter(child=child).order_by("start_date")
    return [(r.legal_status, r.start_date, r.end_date) for r in live]


def test_a_move_planned_from_the_move_form_keeps_its_903_answers(
    client, social_worker, child, with_carers
):
    client.force_login(social_worker)
    response = client.post(
        reverse("placements:move", args=[with_carers.pk]),
        {"move_date": days(3).isoformat(), "carer": CarerHouseholdFactory().pk,
         "placement_type": "U4", "legal_status": "C2", "home_postcode": "ls8 2aa",
         "reason_placement_change": "CARPL"},
    )  # fmt: skip

    assert response.status_code == 302, response.context["form"].errors
    moved = Placement.objects.get(child=child, start_date=days(3))
    assert (moved.placement_type, moved.legal_status, moved.reason_new_episode) == ("U4", "C2", "B")
    assert moved.home_postcode == "LS8 2AA"
    with_carers.refresh_from_db()
    assert (with_carers.end_date, with_carers.reason_episode_ceased) == (days(3), "X1")
    assert history(child) == [("C1", days(-60), days(3)), ("C2", days(3), None)]


def test_cancelling_a_planned_move_undoes_the_legal_status_it_would_have_begun(
    social_worker, child, with_carers
):
    services.move_child(
        with_carers,
        move_date=days(3),
        carer=CarerHouseholdFactory(),
        legal_status="C2",
        reason_placement_change="CARPL",
        by=social_worker,
    )

    services.cancel_planned_leaving(with_carers, reason="The court adjourned", by=social_worker)

    assert history(child) == [("C1", days(-60), None)]
    kept = LegalStatusRecord.objects.get(child=child, legal_status="C2")
    assert kept.entered_in_error  # kept for history, not counted
    assert legal_status.status_on(child, days(10)).legal_status == "C1"
    rows = episodes(Child.objects.filter(pk=child.pk), days(-90), days(30))
    assert [(e.DECOM, e.LS, e.DEC) for e in rows[child.pk]] == [(days(-60), "C1", None)]
    record = Child.objects.get(pk=child.pk)
    assert legal_status.check_change(child=record, legal_status="C2", on=days(0))


def test_cancelling_a_planned_end_leaves_the_legal_status_running(
    social_worker, child, with_carers
):
    services.end_placement(
        with_carers,
        end_date=days(5),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    assert history(child) == [("C1", days(-60), days(5))]

    services.cancel_planned_leaving(with_carers, reason="Return home postponed", by=social_worker)

    assert history(child) == [("C1", days(-60), None)]


def test_a_change_of_legal_status_before_a_planned_move_goes_with_the_child(
    client, social_worker, child, with_carers
):
    moved = services.move_child(
        with_carers,
        move_date=days(4),
        carer=CarerHouseholdFactory(),
        reason_placement_change="CARPL",
        by=social_worker,
    )
    assert moved.legal_status == "C1"
    client.force_login(social_worker)
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    change = reverse("ledger:legal_status_change", args=[child.pk])
    assert f'href="{change}"' in record  # an action on the stay the child lives in

    answers = {"legal_status": "C2", "on": days(0).isoformat()}
    assert client.post(change, answers).status_code == 302

    assert history(child) == [("C1", days(-60), days(0)), ("C2", days(0), None)]
    moved.refresh_from_db()
    assert moved.legal_status == "C2"  # the planned stay carries the status in force
    rows = episodes(Child.objects.filter(pk=child.pk), days(-90), days(30))
    assert [(e.DECOM, e.RNE, e.LS) for e in rows[child.pk]] == [
        (days(-60), "S", "C1"),
        (days(0), "L", "C2"),
        (days(4), "P", "C2"),
    ]
