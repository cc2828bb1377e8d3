"""Approval and outreach forms: the rules answer with a message, bad input never gives a 500
and changes nothing, and a stale save is refused."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from carers.models import ApprovalStatus, CarerHousehold, Outreach
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

from .conftest import TODAY, date_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(social_worker):
    household = CarerHouseholdFactory(
        supervising_social_worker=social_worker, approved_places=3, min_age=5, max_age=15
    )
    for born in (datetime.date(2016, 1, 1), datetime.date(2012, 1, 1)):  # aged 10 and 14
        PlacementFactory(
            child=ChildFactory(date_of_birth=born, social_worker=social_worker),
            home=None,
            carer=household,
            start_date=datetime.date(2026, 1, 5),
            placement_type="U6",
        )
    return household


def approval_data(household, **overrides):
    data = {
        "approval_status": "approved",
        **date_fields("approved_on", datetime.date(2020, 1, 1)),
        "approval_ends_on_0": "",
        "approval_ends_on_1": "",
        "approval_ends_on_2": "",
        **date_fields("last_review_on", datetime.date(2026, 2, 1)),
        "level": "3",
        "approved_places": "3",
        "min_age": "5",
        "max_age": "15",
        "version": str(household.version),
    }
    data.update(overrides)
    return data


def test_approval_change_is_saved_and_audited(client, social_worker, household):
    client.force_login(social_worker)
    response = client.post(
        reverse("carers:approval", args=[household.pk]), approval_data(household)
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.level == 3 and household.last_review_on == datetime.date(2026, 2, 1)
    event = AuditEvent.objects.get(object_type="carers.carerhousehold", action="update")
    assert event.changes["level"] == ["2", "3"] and event.user == social_worker


BAD_APPROVALS = {
    "wrong type": ({"approved_places": "three"}, "Enter the approved places as a whole number"),
    "huge number": ({"approved_places": "100000"}, "The approved places must be 10 or less"),
    "unknown status": ({"approval_status": "knighted"}, "Choose the approval status from the list"),
    "unknown level": ({"level": "9"}, "Choose the skill level from the list"),
    "impossible date": (
        {"approved_on_0": "31", "approved_on_1": "2"},
        "The date approved must be a real date",
    ),
    "letters in a date": ({"approved_on_0": "first"}, "The date approved must be a real date"),
    "missing day": ({"approved_on_0": ""}, "Enter the date approved as a day, month and year"),
    "year far ahead": ({"approved_on_2": "3026"}, "The date approved must be between 1900 and"),
    "approval in future": (
        date_fields("approved_on", datetime.date(2027, 1, 1)),
        "cannot be in the future",
    ),
    "approved without date": (
        {"approved_on_0": "", "approved_on_1": "", "approved_on_2": ""},
        "Give the date the household was approved",
    ),
    "temporary without end": (
        {"approval_status": "temporary"},
        "Give the date temporary approval ends",
    ),
    "end before start": (
        {
            "approval_status": "temporary",
            **date_fields("approval_ends_on", datetime.date(2019, 6, 1)),
        },
        "must end after the approval date",
    ),
    "temporary too long": (
        {
            "approval_status": "temporary",
            **date_fields("approval_ends_on", datetime.date(2021, 1, 1)),
        },
        "at most 24 weeks",
    ),
    "review in future": (
        date_fields("last_review_on", datetime.date(2026, 7, 1)),
        "cannot be in the future",
    ),
    "ages reversed": ({"min_age": "12", "max_age": "6"}, "must not be below the youngest age"),
    "fewer places than children": ({"approved_places": "1"}, "2 children are placed or booked"),
    "range drops a child": ({"max_age": "12"}, "Children aged 14 are placed or booked here"),
    "range drops a young child": ({"min_age": "11"}, "Children aged 10 are placed or booked here"),
}


@pytest.mark.parametrize("overrides,message", BAD_APPROVALS.values(), ids=BAD_APPROVALS.keys())
def test_bad_approval_input_is_explained_and_changes_nothing(
    client, social_worker, household, overrides, message
):
    before = CarerHousehold.objects.values().get(pk=household.pk)
    client.force_login(social_worker)
    response = client.post(
        reverse("carers:approval", args=[household.pk]), approval_data(household, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert CarerHousehold.objects.values().get(pk=household.pk) == before
    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_future_booking_counts_against_the_places(client, administrator, household):
    PlacementFactory(
        child=ChildFactory(date_of_birth=datetime.date(2014, 1, 1)),
        home=None,
        carer=household,
        start_date=datetime.date(2026, 7, 1),
        placement_type="U6",
    )
    client.force_login(administrator)
    response = client.post(
        reverse("carers:approval", args=[household.pk]),
        approval_data(household, approved_places="2"),
    )
    assert "3 children are placed or booked" in response.content.decode()


def test_a_stale_approval_save_is_refused_and_both_versions_shown(client, administrator, household):
    opened_at = household.version
    household.level = 4
    household.save()  # someone else saves after the form was opened
    client.force_login(administrator)
    response = client.post(
        reverse("carers:approval", args=[household.pk]),
        approval_data(household, level="1", version=str(opened_at)),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this record" in page
    assert "Your changes and the record as saved now" in page
    household.refresh_from_db()
    assert household.level == 4


# Outreach -----------------------------------------------------------------------------------


@pytest.fixture
def hub(home_manager):
    hub = HomeFactory(name="Wraparound North", home_type=home_type("wraparound"))
    hub.managers.add(home_manager)
    return hub


def outreach_data(hub, household, overrides=()):
    data = {
        "hub": str(hub.pk),
        "child": str(household.placements.first().child_id),
        **date_fields("date", datetime.date(2026, 5, 20)),
        "kind": "session",
        "hours": "2.5",
        "note": "Evening support after a difficult week.",
    }
    data.update(overrides)
    return data


def test_hub_manager_records_outreach(client, home_manager, hub, household):
    client.force_login(home_manager)
    form_page = client.get(reverse("carers:outreach_add", args=[household.pk])).content.decode()
    assert "A child aged 10" in form_page  # not on the manager's list of children: no name
    response = client.post(
        reverse("carers:outreach_add", args=[household.pk]), outreach_data(hub, household)
    )
    assert response.status_code == 302
    outreach = Outreach.objects.get()
    assert outreach.hub == hub and outreach.recorded_by == home_manager
    assert AuditEvent.objects.filter(object_type="carers.outreach", action="create").exists()


def test_manager_of_another_kind_of_home_cannot_record_outreach(client, home_manager, household):
    HomeFactory().managers.add(home_manager)
    client.force_login(home_manager)
    assert client.get(reverse("carers:outreach_add", args=[household.pk])).status_code == 403


BAD_OUTREACH = {
    "home without outreach": ("not_a_hub", "Choose a hub from the list"),
    "unknown hub": ({"hub": "999999"}, "Choose a hub from the list"),
    "unknown child": ({"child": "999999"}, "Choose a child placed with this household"),
    "child id not a number": ({"child": "abc"}, "Choose a child placed with this household"),
    "impossible date": ({"date_0": "30", "date_1": "2"}, "The date must be a real date"),
    "future date": (
        date_fields("date", datetime.date(2026, 6, 2)),
        "cannot be recorded for a day in the future",
    ),
    "before the child was placed": (
        date_fields("date", datetime.date(2025, 12, 1)),
        "was not placed with",
    ),
    "hours not a number": ({"hours": "lots"}, "Enter the hours as a number"),
    "too many hours": ({"hours": "30"}, "The hours must be 24 or less"),
    "session without hours": ({"hours": ""}, "Give how many hours"),
    "unknown kind": ({"kind": "holiday"}, "Choose the kind of support from the list"),
    "oversize note": ({"note": "x" * 2001}, "The note must be 2000 characters or fewer"),
}


@pytest.mark.parametrize("overrides,message", BAD_OUTREACH.values(), ids=BAD_OUTREACH.keys())
def test_bad_outreach_input_is_explained_and_changes_nothing(
    client, administrator, hub, household, overrides, message
):
    if overrides == "not_a_hub":
        overrides = {"hub": str(HomeFactory().pk)}
    client.force_login(administrator)
    changes_before = AuditEvent.objects.count()  # e.g. the child's social worker allocation
    response = client.post(
        reverse("carers:outreach_add", args=[household.pk]),
        outreach_data(hub, household, overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Outreach.objects.exists()
    assert AuditEvent.objects.count() == changes_before


def test_outreach_service_refuses_a_home_that_does_not_offer_outreach(administrator, household):
    from django.core.exceptions import PermissionDenied

    from carers.services import record_outreach

    with pytest.raises(PermissionDenied):
        record_outreach(
            household=household,
            hub=HomeFactory(),
            child=household.placements.first().child,
            date=TODAY,
            kind="session",
            hours=1,
            by=administrator,
        )
    assert not Outreach.objects.exists()


def test_approval_of_a_deregistered_household_needs_no_date(client, administrator, household):
    # Approval status changes that are not approvals do not ask for a date.
    client.force_login(administrator)
    data = approval_data(
        household,
        approval_status=ApprovalStatus.ON_HOLD,
        approved_on_0="",
        approved_on_1="",
        approved_on_2="",
    )
    assert client.post(reverse("carers:approval", args=[household.pk]), data).status_code == 302
