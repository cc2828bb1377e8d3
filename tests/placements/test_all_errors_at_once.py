"""All errors in one round: when a placement, move, end or extension form has a mistake of
its own, the rules are still checked against the other answers, and both are shown together.
Nothing is saved or audited by the rules' trial."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from carers.models import ApprovalStatus
from placements.models import Placement, StayExtension
from tests.factories import CarerHouseholdFactory, ChildFactory, HomeFactory, PlacementFactory

from .conftest import days

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(social_worker, day):
    child = ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")
    return PlacementFactory(
        child=child,
        home=HomeFactory(name="Oak House"),
        start_date=day - days(40),
        planned_end_date=day + days(20),
    )


def _messages(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _counts() -> tuple[int, int, int]:
    changes = AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count()
    return Placement.objects.count(), StayExtension.objects.count(), changes


def test_new_placement_says_the_missing_legal_status_and_the_missing_matching(
    client, social_worker, stay, day
):
    elm = HomeFactory(name="Elm House")
    child = ChildFactory(social_worker=social_worker)
    before = _counts()
    client.force_login(social_worker)
    form = {"child": child.pk, "start_date": day.isoformat(), "home": elm.pk, "legal_status": ""}
    page = _messages(client.post(reverse("placements:new"), form))
    assert "Choose the legal status" in page
    assert "Ask the manager of Elm House to record and sign off a matching assessment" in page
    assert _counts() == before


def test_new_placement_says_the_missing_legal_status_and_the_clash(
    client, social_worker, stay, day
):
    household = CarerHouseholdFactory(approval_status=ApprovalStatus.APPROVED)
    before = _counts()
    client.force_login(social_worker)
    form = {"child": stay.child.pk, "start_date": day.isoformat(), "carer": household.pk}
    page = _messages(client.post(reverse("placements:new"), form))
    assert "Choose the legal status" in page
    assert "Ada Lovelace is already placed at Oak House" in page
    assert _counts() == before


def test_move_says_the_missing_reason_and_the_date_before_the_stay(client, social_worker, stay):
    household = CarerHouseholdFactory(approval_status=ApprovalStatus.APPROVED)
    before = _counts()
    client.force_login(social_worker)
    too_early = (stay.start_date - days(1)).isoformat()
    form = {"move_date": too_early, "carer": household.pk, "reason_placement_change": ""}
    page = _messages(client.post(reverse("placements:move", args=[stay.pk]), form))
    assert "Choose the reason for the move" in page
    assert "The end date must be after the placement started" in page
    assert _counts() == before


def test_end_says_the_missing_outcome_and_the_date_before_the_stay(client, social_worker, stay):
    before = _counts()
    client.force_login(social_worker)
    too_early = (stay.start_date - days(1)).isoformat()
    form = {"end_date": too_early, "reason_episode_ceased": "E4A"}
    page = _messages(client.post(reverse("placements:end", args=[stay.pk]), form))
    assert "Choose where the child went" in page
    assert "The end date must be after the placement started" in page
    assert "Check your answers" not in page
    assert _counts() == before


def test_extension_says_the_missing_reason_and_the_date_before_the_planned_end(
    client, home_manager, stay, day
):
    stay.home.managers.add(home_manager)
    before = _counts()
    client.force_login(home_manager)
    form = {"extend_to": (day + days(5)).isoformat(), "reason": ""}
    page = _messages(client.post(reverse("placements:extension_request", args=[stay.pk]), form))
    assert "Enter the reason" in page
    assert "The date to stay until must be later than the planned end date" in page
    assert _counts() == before


def test_a_rule_is_not_repeated_on_a_field_with_its_own_error(client, social_worker, stay):
    """The stand-in for an unanswered question is never blamed: only the form's message."""
    client.force_login(social_worker)
    form = {"end_date": "", "outcome": "returned_home", "reason_episode_ceased": "E4A"}
    page = _messages(client.post(reverse("placements:end", args=[stay.pk]), form))
    assert page.count("Enter the end date") == 2  # the summary and the field
    assert "must be after the placement started" not in page
