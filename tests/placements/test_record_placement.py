import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from carers.models import ApprovalStatus
from placements.models import MatchingAssessment, Placement
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

from .conftest import days
from .helpers import signed_off_matching

pytestmark = pytest.mark.django_db
URL = reverse("placements:new")


@pytest.fixture
def my_child(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")


def _form(child, day, **changes):
    form = {
        "child": child.pk,
        "start_date": day.isoformat(),
        "legal_status": "C2",
        "purpose": "Somewhere safe while the family works with the team.",
    }
    return {**form, **changes}


def test_social_worker_records_a_placement_after_matching(client, social_worker, my_child, day):
    home = HomeFactory(name="Oak House")
    matching = signed_off_matching(my_child, home)
    client.force_login(social_worker)
    response = client.post(URL, _form(my_child, day, home=home.pk))
    placement = Placement.objects.get(child=my_child)
    assert response.status_code == 302
    assert response["Location"] == reverse("placements:detail", args=[placement.pk])
    assert (placement.home, placement.matching, placement.placement_type) == (home, matching, "K2")
    assert AuditEvent.objects.filter(
        action="create", object_type="placements.placement", object_id=str(placement.pk)
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Full care order (C2)" in page and "Oak House" in page


def test_home_placement_without_matching_is_refused_with_what_to_do(
    client, social_worker, my_child, day
):
    home = HomeFactory(name="Oak House")
    client.force_login(social_worker)
    page = client.post(URL, _form(my_child, day, home=home.pk)).content.decode()
    assert "Ask the manager of Oak House to record and sign off a matching assessment" in page
    signed_off_matching(my_child, home, decision=MatchingAssessment.Decision.DO_NOT_PROCEED)
    page = client.post(URL, _form(my_child, day, home=home.pk)).content.decode()
    assert "decided not to admit" in page
    assert not Placement.objects.exists()


def test_carer_placement_needs_no_matching(client, social_worker, my_child, day):
    carer = CarerHouseholdFactory()
    client.force_login(social_worker)
    assert client.post(URL, _form(my_child, day, carer=carer.pk)).status_code == 302
    assert Placement.objects.get(child=my_child).carer == carer


def _full_home(day):
    home = HomeFactory(name="Full House", beds=1)
    PlacementFactory(home=home, start_date=day - days(5))
    return home


@pytest.mark.parametrize(
    "where, changes, message",
    [
        ("full", {}, "Full House has no free bed for the whole stay"),
        ("secure", {}, "outside the ages 10 to 17"),
        (
            "safe",
            {"planned_end_date": 40},
            "may last 28 days, so the planned end must be on or before",
        ),
        ("safe", {}, "must have a planned end date"),
        ("placed", {}, "is already placed at"),
        ("unapproved", {}, "is not approved to care for children"),
        ("home", {"is_short_break": "on", "planned_end_date": 5}, "does not offer short breaks"),
    ],
)
def test_placement_rules_come_back_as_messages(
    client, social_worker, my_child, day, where, changes, message
):
    if where == "secure":
        my_child.date_of_birth = day - days(365 * 9 + 30)  # 9 years old
        my_child.save()
    homes = {
        "full": lambda: _full_home(day),
        "secure": lambda: HomeFactory(home_type=home_type("secure")),
        "safe": lambda: HomeFactory(home_type=home_type("safe-space")),
        "placed": lambda: HomeFactory(),
        "home": lambda: HomeFactory(),
    }
    if where == "unapproved":
        place = {"carer": CarerHouseholdFactory(approval_status=ApprovalStatus.ON_HOLD).pk}
    else:
        home = homes[where]()
        signed_off_matching(my_child, home)
        place = {"home": home.pk}
    if where == "placed":
        PlacementFactory(child=my_child, start_date=day - days(20))
    if "planned_end_date" in changes:
        changes["planned_end_date"] = (day + days(changes["planned_end_date"])).isoformat()
    before = Placement.objects.count()
    client.force_login(social_worker)
    response = client.post(URL, _form(my_child, day, **place, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert Placement.objects.count() == before


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"child": "999999"}, "Choose a child from the list"),
        ({"child": "abc"}, "Choose a child from the list"),
        ({"home": "999999"}, "Choose a home from the list"),
        ({"home": ""}, "Choose a children&#x27;s home or a carer household"),
        (
            {"start_date": "", "start_date_0": "31", "start_date_1": "2", "start_date_2": "2026"},
            "The start date must be a real date",
        ),
        (
            {"start_date": "", "start_date_0": "x", "start_date_1": "y", "start_date_2": "z"},
            "The start date must be a real date",
        ),
        (
            {"start_date": "", "start_date_0": "1", "start_date_1": "2"},
            "Enter the start date as a day, month and year",
        ),
        ({"start_date": ""}, "Enter the start date"),
        ({"start_date": "2999-01-01"}, "The start date must be between 1990 and"),
        ({"planned_end_date": "2020-01-01"}, "The planned end date must be after the start date"),
        ({"purpose": "x" * 2001}, "Purpose must be 2000 characters or fewer"),
        ({"legal_status": "ZZ"}, "Choose an option from the list"),
        ({"legal_status": ""}, "Choose the legal status"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    client, social_worker, my_child, day, changes, message
):
    home = HomeFactory()
    signed_off_matching(my_child, home)
    client.force_login(social_worker)
    response = client.post(URL, {**_form(my_child, day, home=home.pk), **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Placement.objects.exists()


def test_social_worker_cannot_place_a_child_off_their_caseload(client, social_worker, day):
    someone_else = ChildFactory()
    home = HomeFactory()
    signed_off_matching(someone_else, home)
    client.force_login(social_worker)
    page = client.post(URL, _form(someone_else, day, home=home.pk)).content.decode()
    assert "Choose a child from the list" in page
    assert not Placement.objects.exists()


def test_manager_can_only_place_into_their_own_homes(client, home_manager, day):
    theirs, other = HomeFactory(), HomeFactory()
    theirs.managers.add(home_manager)
    child = PlacementFactory(home=theirs, start_date=day - days(30)).child
    client.force_login(home_manager)
    page = client.post(URL, _form(child, day, home=other.pk)).content.decode()
    assert "Choose a home from the list" in page


def test_vacancy_link_prefills_home_and_dates(client, social_worker, my_child, day):
    home = HomeFactory(name="Oak House")
    client.force_login(social_worker)
    end = day + days(10)
    page = client.get(
        URL, {"home": home.pk, "start": day.isoformat(), "end": end.isoformat(), "child": "x"}
    ).content.decode()
    assert f'name="home" type="radio" value="{home.pk}" checked' in page
    assert f'name="start_date_2" value="{day.year}"' in page
    assert f'name="planned_end_date_0" value="{end.day}"' in page
    assert 'name="child" type="radio"' not in page  # "x" is no child: one is searched for


@pytest.mark.parametrize("size", [3, 30])
def test_form_runs_a_fixed_number_of_queries(
    client, administrator, size, django_assert_max_num_queries
):
    for _ in range(size):
        home = HomeFactory()
        home.units.create(name="Flat")
        CarerHouseholdFactory()
        PlacementFactory(home=home, start_date=datetime.date(2026, 1, 5))
    client.force_login(administrator)
    client.get("/")
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
