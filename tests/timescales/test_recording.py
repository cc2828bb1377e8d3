"""Recording a looked-after review, a social worker visit and a placement plan from the child's
record: validation, the audit trail, the alerts clearing and constant queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import ChildFactory, HomeFactory, PlacementFactory
from timescales import services
from timescales.models import Alert, LookedAfterReview, PlacementPlan, SocialWorkerVisit

D = datetime.date
TODAY = D(2026, 4, 20)
STARTED = D(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 4, 20, 10), tick=False):
        yield


@pytest.fixture
def stay(social_worker):
    child = ChildFactory(social_worker=social_worker)
    return PlacementFactory(child=child, home=HomeFactory(), start_date=STARTED)


def date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def url(name, child):
    return reverse(f"timescales:{name}", args=[child.pk])


@pytest.mark.django_db
def test_a_review_recorded_on_the_record_clears_its_alert(client, social_worker, stay):
    services.run_day(TODAY)
    alert = Alert.objects.get(rule="looked_after_review_due", resolved_on=None)
    assert alert.action_url == url("review_create", stay.child)
    client.force_login(social_worker)

    response = client.post(
        alert.action_url,
        {**date_fields("held_on", D(2026, 3, 30)), "participation": "PN1", "chaired_by": "J Smith"},
    )

    assert response.status_code == 302
    assert response.url == reverse("children:detail", args=[stay.child.pk])
    review = LookedAfterReview.objects.get(child=stay.child)
    assert (review.held_on, review.participation, review.chaired_by, review.recorded_by) == (
        D(2026, 3, 30),
        "PN1",
        "J Smith",
        social_worker,
    )
    event = AuditEvent.objects.get(object_type="timescales.lookedafterreview")
    assert (event.action, event.user, event.object_id) == ("create", social_worker, str(review.pk))
    services.run_day(TODAY + datetime.timedelta(days=1))
    alert.refresh_from_db()
    assert alert.resolved_on == TODAY + datetime.timedelta(days=1)


@pytest.mark.django_db
def test_a_visit_and_a_plan_are_recorded(client, social_worker, stay):
    client.force_login(social_worker)
    client.post(
        url("visit_create", stay.child),
        {**date_fields("visited_on", D(2026, 4, 1)), "seen_alone": "no", "note": "Settling in"},
    )
    visit = SocialWorkerVisit.objects.get(child=stay.child)
    assert (visit.seen_alone, visit.note, visit.visited_by) == (False, "Settling in", social_worker)

    client.post(
        url("plan_create", stay.child),
        {**date_fields("completed_on", D(2026, 3, 4)), "lasts_until_18": "yes"},
    )
    plan = PlacementPlan.objects.get(placement=stay)
    assert (plan.completed_on, plan.lasts_until_18) == (D(2026, 3, 4), True)
    # Recorded again: the same plan is corrected, and the change is audited.
    client.post(
        url("plan_create", stay.child),
        {**date_fields("completed_on", D(2026, 3, 5)), "lasts_until_18": "no"},
    )
    plan.refresh_from_db()
    assert (plan.completed_on, plan.lasts_until_18) == (D(2026, 3, 5), False)
    update = AuditEvent.objects.get(action="update", object_type="timescales.placementplan")
    assert update.changes["lasts_until_18"] == ["Yes", "No"]


BAD_INPUT = [
    ("review_create", {**date_fields("held_on", D(2026, 4, 21)), "participation": "PN1"},
     "today or in the past"),
    ("review_create", {**date_fields("held_on", D(2026, 3, 1)), "participation": "PN1"},
     "on or after 2 March 2026"),
    ("review_create", {**date_fields("held_on", D(2026, 4, 1))}, "Choose how the child took part"),
    ("review_create", {**date_fields("held_on", D(2026, 4, 1)), "participation": "PN0"},
     "PN0 is only for a child under 4"),
    ("review_create", {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026"}, "real date"),
    ("visit_create", {**date_fields("visited_on", D(2026, 4, 21)), "seen_alone": "yes"}, "past"),
    ("visit_create", {**date_fields("visited_on", D(2026, 4, 1))}, "Select"),
    (
        "plan_create",
        {**date_fields("completed_on", D(2026, 2, 1)), "lasts_until_18": "no"},
        "2 March",
    ),
    ("plan_create", {"lasts_until_18": "maybe"}, "Choose yes or no for “Is the placement meant to last until the child is 18?”"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client, social_worker, stay, name, data, message
):
    client.force_login(social_worker)
    changes_before = AuditEvent.objects.exclude(action="view").count()
    response = client.post(url(name, stay.child), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LookedAfterReview.objects.exists()
    assert not SocialWorkerVisit.objects.exists()
    assert not PlacementPlan.objects.exists()
    assert AuditEvent.objects.exclude(action="view").count() == changes_before


@pytest.mark.django_db
def test_a_second_review_on_the_same_day_and_a_plan_without_a_placement_are_refused(
    client, social_worker, stay
):
    client.force_login(social_worker)
    data = {**date_fields("held_on", D(2026, 4, 1)), "participation": "PN7"}
    client.post(url("review_create", stay.child), data)
    response = client.post(url("review_create", stay.child), data)
    assert "already recorded" in response.content.decode()
    assert LookedAfterReview.objects.count() == 1

    unplaced = ChildFactory(social_worker=social_worker)
    response = client.post(
        url("plan_create", unplaced), {**date_fields("completed_on", TODAY), "lasts_until_18": "no"}
    )
    assert "has no current placement" in response.content.decode()
    assert not PlacementPlan.objects.exists()


@pytest.mark.django_db
def test_a_home_manager_following_the_link_lands_on_the_childs_record(client, home_manager, stay):
    stay.home.managers.add(home_manager)
    client.force_login(home_manager)
    response = client.get(url("plan_create", stay.child))
    assert response.url == reverse("children:detail", args=[stay.child.pk])
    response = client.post(url("plan_create", stay.child), date_fields("completed_on", TODAY))
    assert response.status_code == 403
    assert not PlacementPlan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("earlier", [1, 15])
def test_the_pages_run_in_constant_queries(
    client, social_worker, stay, django_assert_max_num_queries, earlier
):
    for n in range(earlier):
        LookedAfterReview.objects.create(child=stay.child, held_on=STARTED + datetime.timedelta(n))
        PlacementFactory(child=ChildFactory(social_worker=social_worker), start_date=STARTED)
    client.force_login(social_worker)
    for name in ("review_create", "visit_create", "plan_create"):
        with django_assert_max_num_queries(8):
            assert client.get(url(name, stay.child)).status_code == 200
    with django_assert_max_num_queries(16):
        client.post(url("review_create", stay.child), date_fields("held_on", TODAY))
    with django_assert_max_num_queries(16):
        client.post(
            url("plan_create", stay.child),
            {**date_fields("completed_on", TODAY), "lasts_until_18": "no"},
        )
