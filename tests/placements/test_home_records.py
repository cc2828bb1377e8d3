"""Homes, their units, managers and Regulation 44 visitors, added and changed by administrators
in the browser: the home type's rules, the stays in the home, every message at once, the audit
trail, stale saves, and the admin keeping the same rules."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from audit.models import AuditEvent
from homes.models import Home, Unit
from placements import home_services
from tests.factories import (
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UnitFactory,
    UserFactory,
    home_type,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
NEW = reverse("homes:new")


@pytest.fixture(autouse=True)
def _fixed_day():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def home_answers(**changes):
    data = {
        "name": "Birch House",
        "home_type": home_type("safe-space").pk,
        "provision": "in_house",
        "provider_name": "",
        "address": "1 Birch Road",
        "postcode": "ls6 2aa",
        "beds": "4",
        "weekly_cost": "",
        "ofsted_urn": "sc123456",
        "registered_manager": "",
        "ofsted_rating": "not_inspected",
        **date_fields("opened_on", datetime.date(2020, 4, 1)),
    }
    data.update(changes)
    return data


def edit_answers(home, **changes):
    saved = {
        "name": home.name,
        "home_type": home.home_type_id,
        "postcode": home.postcode,
        "beds": str(home.beds),
        "ofsted_urn": home.ofsted_urn,
        "version": home.version,
    }
    return home_answers(**{**saved, **changes})


@pytest.fixture
def admin(db):
    return UserFactory(username="head", role=Role.ADMINISTRATOR)


def test_administrator_adds_a_home(client, admin):
    client.force_login(admin)

    response = client.post(NEW, home_answers(), follow=True)

    home = Home.objects.get(name="Birch House")
    assert response.redirect_chain[-1][0] == reverse("homes:detail", args=[home.pk])
    assert "Birch House was added." in response.content.decode()
    assert (home.postcode, home.ofsted_urn, home.beds) == ("LS6 2AA", "SC123456", 4)
    assert home.weekly_cost == 0 and home.opened_on == datetime.date(2020, 4, 1)
    event = AuditEvent.objects.get(action="create", object_type="homes.home")
    assert event.user == admin and event.changes["name"] == [None, "Birch House"]


def test_every_missing_answer_is_named_at_once(client, admin):
    client.force_login(admin)
    page = client.post(NEW, {}).content.decode()
    for message in (
        "Enter the name",
        "Choose the type of home",
        "Choose who runs the home",
        "Enter the postcode",
        "Enter the number of beds",
    ):
        assert message in page, message
    assert not Home.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"beds": "5"}, "beds", "A Safe Space home may have at most 4 beds."),
        ({"postcode": "LS99 9ZZ"}, "postcode", "not in the postcode directory"),
        ({"provision": "external"}, "provider_name", "Enter the name of the provider"),
        ({"ofsted_urn": "URN1"}, "ofsted_urn", "like SC123456 or 2512345"),
        ({"ofsted_rating": "good"}, "ofsted_rating_date", "Give the date of the inspection"),
        (
            {
                "ofsted_rating": "good",
                **date_fields("ofsted_rating_date", TODAY + datetime.timedelta(1)),
            },
            "ofsted_rating_date",
            "cannot be in the future",
        ),
        (date_fields("closed_on", datetime.date(2019, 1, 1)), "closed_on", "must close after"),
        ({"beds": "0"}, "beds", "must be 1 or more"),
        ({"weekly_cost": "-5"}, "weekly_cost", "cannot be below 0"),
    ],
)
def test_a_broken_home_rule_is_explained_and_nothing_saved(client, admin, changes, field, message):
    client.force_login(admin)
    response = client.post(NEW, home_answers(**changes))
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Home.objects.exists()


def test_beds_and_closing_are_checked_against_the_children_placed(client, admin):
    home = HomeFactory(name="Ash House", beds=3)
    for _ in range(2):
        PlacementFactory(home=home, start_date=datetime.date(2026, 1, 5))
    client.force_login(admin)
    url = reverse("homes:edit", args=[home.pk])

    response = client.post(
        url,
        edit_answers(home, beds="1", **date_fields("closed_on", datetime.date(2026, 7, 1))),
    )

    errors = response.context["form"].errors
    assert "Keep at least 2 beds" in errors["beds"][0]
    assert "2 children are placed or booked at Ash House" in errors["closed_on"][0]
    home.refresh_from_db()
    assert (home.beds, home.closed_on) == (3, None)


def test_a_change_is_audited_and_a_stale_one_refused(client, admin):
    home = HomeFactory(name="Ash House", home_type=home_type("safe-space"))
    opened_at = home.version
    client.force_login(admin)
    url = reverse("homes:edit", args=[home.pk])

    assert client.post(url, edit_answers(home, name="Ash Lodge")).status_code == 302
    event = AuditEvent.objects.get(action="update", object_type="homes.home")
    assert event.changes["name"] == ["Ash House", "Ash Lodge"]

    stale = client.post(url, edit_answers(home, name="Ash Court", version=opened_at))
    page = stale.content.decode()
    assert "Someone else saved this record" in page and "Ash Lodge" in page
    assert Home.objects.get().name == "Ash Lodge"


def test_managers_and_visitors_are_allocated_and_audited(client, admin, home_manager, visitor):
    home = HomeFactory(name="Ash House")
    client.force_login(admin)

    response = client.post(
        reverse("homes:people", args=[home.pk]),
        {
            "managers": [home_manager.pk],
            "independent_visitors": [visitor.pk],
            "version": home.version,
        },
        follow=True,
    )

    assert list(home.managers.all()) == [home_manager]
    assert list(home.independent_visitors.all()) == [visitor]
    page = response.content.decode()
    assert escape(str(home_manager)) in page and escape(str(visitor)) in page
    events = AuditEvent.objects.filter(action="update", object_type="homes.home")
    assert {field: change for e in events for field, change in e.changes.items()} == {
        "managers": [None, str(home_manager)],
        "independent_visitors": [None, str(visitor)],
    }
    assert {e.user for e in events} == {admin}
    client.force_login(home_manager)  # the home is now the manager's
    assert client.get(reverse("homes:detail", args=[home.pk])).status_code == 200


def test_only_people_in_the_right_role_are_allocated(client, admin, social_worker, visitor):
    home = HomeFactory()
    client.force_login(admin)
    response = client.post(
        reverse("homes:people", args=[home.pk]),
        {"managers": [social_worker.pk], "version": home.version},
    )
    assert "Choose home managers from the list" in response.content.decode()
    with pytest.raises(ValidationError, match="independent visitor"):
        home_services.allocate_home_people(
            home, by=admin, expected_version=home.version, independent_visitors=[social_worker]
        )
    with pytest.raises(PermissionDenied):
        home_services.allocate_home_people(
            home, by=social_worker, expected_version=home.version, managers=[]
        )
    assert not home.managers.exists()


def test_units_follow_the_home_type_and_the_beds(client, admin):
    flats = HomeFactory(name="Step Up", home_type=home_type("interdependence"), beds=2)
    plain = HomeFactory(name="Ash House", beds=1)
    UnitFactory(home=plain, name="Bed 1")
    client.force_login(admin)

    def add(home, **answers):
        return client.post(reverse("homes:unit_add", args=[home.pk]), answers)

    assert add(flats, name="Trainer flat", kind="trainer_flat", is_active="on").status_code == 302
    refused = add(plain, name="Flat", kind="linked_house", is_active="on").context["form"].errors
    assert "Only homes with a trainer flat and linked houses" in refused["kind"][0]
    refused = add(plain, name="Bed 2", kind="bed", is_active="on").context["form"].errors
    assert "has 1 beds and 1 units in use" in refused["is_active"][0]
    refused = add(plain, name="bed 1", kind="bed").context["form"].errors
    assert "already has a unit called bed 1" in refused["name"][0]
    assert list(Unit.objects.values_list("name", flat=True)) == ["Bed 1", "Trainer flat"]
    added = AuditEvent.objects.filter(action="create", object_type="homes.unit", user=admin)
    assert [e.changes["name"] for e in added] == [[None, "Trainer flat"]]


def test_a_unit_with_a_child_stays_in_use(client, admin):
    home = HomeFactory(home_type=home_type("interdependence"), beds=2)
    unit = UnitFactory(home=home, name="Linked house", kind="linked_house")
    PlacementFactory(
        child=ChildFactory(date_of_birth=datetime.date(2009, 1, 1)),
        home=home,
        unit=unit,
        start_date=datetime.date(2026, 3, 1),
    )
    client.force_login(admin)
    url = reverse("homes:unit_edit", args=[unit.pk])
    answers = {"name": "Linked house", "kind": "linked_house", "version": unit.version}

    assert "A child has Linked house now" in client.post(url, answers).content.decode()
    assert (
        client.post(url, {**answers, "name": "Linked house 1", "is_active": "on"}).status_code
        == 302
    )
    unit.refresh_from_db()
    assert unit.is_active and unit.name == "Linked house 1"


def test_the_detail_page_offers_changes_to_administrators_only(client, admin, social_worker):
    home = HomeFactory()
    UnitFactory(home=home, name="Old bed", is_active=False)
    client.force_login(admin)
    page = client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    for name in ("homes:edit", "homes:people", "homes:unit_add"):
        assert reverse(name, args=[home.pk]) in page
    assert "Not in use" in page
    assert reverse("homes:new") in client.get(reverse("homes:occupancy")).content.decode()
    client.force_login(social_worker)
    page = client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    assert reverse("homes:edit", args=[home.pk]) not in page and "Old bed" not in page
    assert reverse("homes:new") not in client.get(reverse("homes:occupancy")).content.decode()


def test_the_admin_keeps_the_home_rules_all_at_once(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    home = HomeFactory(name="Ash House", beds=2)
    PlacementFactory(home=home, start_date=datetime.date(2026, 1, 5))
    response = client.post(
        reverse("admin:homes_home_change", args=[home.pk]),
        {
            "name": "Ash House",
            "home_type": home.home_type.pk,
            "provision": "external",
            "postcode": "LS6 2AA",
            "beds": 2,
            "weekly_cost": "0",
            "ofsted_rating": "not_inspected",
            "closed_on": "2026-03-01",
            "units-TOTAL_FORMS": "1",
            "units-INITIAL_FORMS": "0",
            "units-0-name": "Flat",
            "units-0-kind": "trainer_flat",
            "units-0-is_active": "on",
        },
    )
    page = response.content.decode()
    assert "Enter the name of the provider" in page
    assert "1 child is placed or booked at Ash House" in page
    assert "Only homes with a trainer flat and linked houses" in page
    home.refresh_from_db()
    assert home.closed_on is None and not home.units.exists()


@pytest.mark.parametrize(
    "url_name", ["homes:detail", "homes:edit", "homes:people", "homes:unit_add"]
)
def test_pages_run_a_fixed_number_of_queries(
    client, admin, url_name, django_assert_max_num_queries
):
    counts = []
    for size in (1, 8):
        home = HomeFactory(home_type=home_type("interdependence"), beds=size)
        for n in range(size):
            UnitFactory(home=home, name=f"Flat {n}", kind="trainer_flat")
            home.managers.add(UserFactory(username=f"hm{size}-{n}", role=Role.HOME_MANAGER))
            home.independent_visitors.add(
                UserFactory(username=f"iv{size}-{n}", role=Role.INDEPENDENT_VISITOR)
            )
        client.force_login(admin)
        with django_assert_max_num_queries(25) as captured:
            assert client.get(reverse(url_name, args=[home.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
