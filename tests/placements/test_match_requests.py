"""Referral to placement: a match request is asked, assessed against each child living in the
home and signed off, or declined, or withdrawn, and the child is placed from it. The states,
who may move them, what is audited and who is told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role
from audit.models import AuditEvent
from notifications.models import Notification
from placements import matching, services
from placements.models import MatchRequest, Placement
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory, home_type

from .conftest import monday_plus
from .helpers import match_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
Status = MatchRequest.Status
days = monday_plus


@pytest.fixture
def resident(oak):
    return PlacementFactory(home=oak, start_date=days(-40)).child


@pytest.fixture
def ada(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")


def ask(ada, oak, social_worker, **changes):
    answers = {
        "child": ada,
        "home": oak,
        "proposed_start": days(7),
        "proposed_end": None,
        "needs": "Needs a calm home near her school.",
        "by": social_worker,
    }
    return matching.request_match(**{**answers, **changes})


def told(user):
    return list(
        Notification.objects.filter(user=user).order_by("id").values_list("title", flat=True)
    )


def audited(match):
    return list(
        AuditEvent.objects.filter(object_type="placements.matchrequest", object_id=str(match.pk))
        .order_by("id")
        .values_list("action", "changes")
    )


def test_asked_agreed_then_placed(ada, oak, resident, social_worker, home_manager):
    match = ask(ada, oak, social_worker)
    assert match.status == Status.REQUESTED
    assert told(home_manager) == ["Match request to assess"]

    matching.assess_match(
        match,
        decision="proceed",
        summary="Settles with the others.",
        risks=[(resident, "low", "")],
        by=home_manager,
    )
    match.refresh_from_db()
    assert match.status == Status.AGREED and match.answered_by == home_manager
    assert match.assessment.risks.get().resident == resident
    assert told(social_worker) == ["Match agreed"]

    placement = matching.place_child_after_matching(
        child=ada, home=oak, start_date=days(7), legal_status="C2", by=social_worker
    )
    match.refresh_from_db()
    assert (match.status, match.placement, placement.matching) == (
        Status.PLACED,
        placement,
        match.assessment,
    )
    assert told(home_manager) == ["Match request to assess", "Placement recorded after a match"]
    assert [action for action, _ in audited(match)] == ["create", "update", "update"]
    assert audited(match)[-1][1]["status"] == ["Agreed: ready to place", "Placed"]


def test_the_notices_name_no_child(ada, oak, social_worker, home_manager):
    ask(ada, oak, social_worker)
    notice = Notification.objects.get(user=home_manager)
    assert "Ada" not in notice.summary and "Lovelace" not in notice.summary
    assert notice.child == ada and notice.home == oak and notice.url.endswith("/")


def test_a_placement_recorded_any_way_follows_the_agreed_match(
    ada, oak, social_worker, home_manager, administrator
):
    match = ask(ada, oak, social_worker)
    matching.assess_match(match, decision="proceed", summary="Yes.", risks=[], by=home_manager)
    # The Django admin saves through save_placement, with no matching chosen.
    placement = services.save_placement(
        Placement(
            child=ada, home=oak, start_date=days(7), legal_status="C2", reason_new_episode="S"
        ),
        by=administrator,
    )
    match.refresh_from_db()
    assert match.status == Status.PLACED and placement.matching == match.assessment


def test_declined_with_a_reason(ada, oak, social_worker, home_manager):
    match = ask(ada, oak, social_worker)
    with pytest.raises(ValidationError, match="Enter why the home cannot take the child"):
        matching.decline_match(match, reason="  ", by=home_manager)
    matching.decline_match(match, reason="No bed for a child this age.", by=home_manager)
    match.refresh_from_db()
    assert (match.status, match.reason) == (Status.DECLINED, "No bed for a child this age.")
    assert told(social_worker) == ["Match declined"]
    with pytest.raises(ValidationError, match="was declined, so it cannot be withdrawn"):
        matching.withdraw_match(match, reason="Too late", by=social_worker)
    with pytest.raises(ValidationError, match="Ask the manager of Oak House"):
        matching.place_child_after_matching(
            child=ada, home=oak, start_date=days(7), legal_status="C2", by=social_worker
        )


def test_an_assessment_that_refuses_declines_with_its_summary(
    ada, oak, resident, social_worker, home_manager
):
    match = ask(ada, oak, social_worker)
    matching.assess_match(
        match,
        decision="refuse",
        summary="The risk to the younger resident is too high.",
        risks=[(resident, "high", "Shared history")],
        by=home_manager,
    )
    match.refresh_from_db()
    assert match.status == Status.DECLINED and "too high" in match.reason


def test_the_assessment_weighs_every_child_living_there(ada, oak, resident, home_manager):
    match = ask(ada, oak, ada.social_worker)
    with pytest.raises(ValidationError, match="assess the impact on each child listed now"):
        matching.assess_match(match, decision="proceed", summary="Yes.", risks=[], by=home_manager)
    match.refresh_from_db()
    assert match.status == Status.REQUESTED


def test_withdrawn_by_the_social_worker_and_the_manager_is_told(
    ada, oak, social_worker, home_manager
):
    match = ask(ada, oak, social_worker)
    matching.withdraw_match(match, reason="Going home instead.", by=social_worker)
    match.refresh_from_db()
    assert match.status == Status.WITHDRAWN and match.withdrawn_by == social_worker
    assert told(home_manager) == ["Match request to assess", "Match request withdrawn"]
    with pytest.raises(ValidationError, match="was withdrawn, so there is nothing to assess"):
        matching.assess_match(match, decision="proceed", summary="Yes", risks=[], by=home_manager)


def test_only_the_childs_worker_asks_and_only_the_homes_manager_answers(
    ada, oak, social_worker, home_manager
):
    stranger = UserFactory(username="other-sw", role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        ask(ada, oak, stranger)
    with pytest.raises(PermissionDenied):
        ask(ada, oak, home_manager)
    match = ask(ada, oak, social_worker)
    other_manager = UserFactory(username="other-hm", role=Role.HOME_MANAGER)
    HomeFactory().managers.add(other_manager)
    with pytest.raises(PermissionDenied):
        matching.decline_match(match, reason="Not mine", by=other_manager)
    with pytest.raises(PermissionDenied):
        matching.withdraw_match(match, reason="Not mine", by=stranger)


def test_a_request_says_everything_wrong_at_once(ada, social_worker):
    safe_space = HomeFactory(name="Wykebeck", home_type=home_type("safe-space"))  # ages 11-17
    young = ChildFactory(social_worker=social_worker, date_of_birth=days(-365 * 6))
    with pytest.raises(ValidationError) as refused:
        ask(young, safe_space, social_worker, proposed_start=days(10), needs="")
    assert set(refused.value.message_dict) == {"needs", "proposed_start"}
    assert "outside the ages 11 to 17" in refused.value.message_dict["proposed_start"][0]
    with pytest.raises(ValidationError, match="today or in the future"):
        ask(ada, safe_space, social_worker, proposed_start=days(-1))


def test_one_open_request_per_child_and_home(ada, oak, social_worker, home_manager):
    first = ask(ada, oak, social_worker)
    with pytest.raises(ValidationError, match="already an open match request"):
        ask(ada, oak, social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        match_request(ada, oak, by=social_worker)
    matching.decline_match(first, reason="Full", by=home_manager)
    assert ask(ada, oak, social_worker, proposed_start=days(30)).status == Status.REQUESTED


def test_a_state_that_was_not_recorded_is_refused_by_the_database(ada, oak, social_worker):
    match = ask(ada, oak, social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRequest.objects.filter(pk=match.pk).update(status=Status.PLACED)


def test_a_cancelled_move_into_the_home_leaves_the_match_agreed(
    ada, oak, social_worker, home_manager
):
    stay = PlacementFactory(child=ada, start_date=days(-30))
    match = ask(ada, oak, social_worker)
    matching.assess_match(match, decision="proceed", summary="Yes.", risks=[], by=home_manager)
    matching.place_from_agreed_match(match, legal_status="C2", by=social_worker)  # a move
    match.refresh_from_db()
    assert match.status == Status.PLACED

    services.cancel_planned_leaving(stay, reason="Court hearing moved", by=social_worker)

    match.refresh_from_db()
    assert (match.status, match.placement) == (Status.AGREED, None)
    assert audited(match)[-1][1]["status"] == ["Placed", "Agreed: ready to place"]
