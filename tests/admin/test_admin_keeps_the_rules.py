"""The admin is a write path like any other: it shows every model usefully and cannot break a
rule or delete a record."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from homes.models import BedBlock, Home
from placements.models import Placement
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory, home_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _placement_form(child, home, start, **extra):
    data = {
        "child": child.pk,
        "home": home.pk,
        "start_date": start,
        "legal_status": "C2",
        "placement_type": "K2",
        "provider": "PR1",
        "reason_new_episode": "S",
        "weekly_cost": "0",
        "extensions-TOTAL_FORMS": "0",
        "extensions-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_model_has_a_working_list_with_search(admin_client, model):
    PlacementFactory()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert admin_client.get(url, {"q": "Oak"}).status_code == 200


def test_admin_refuses_an_overlapping_placement(admin_client):
    existing = PlacementFactory(start_date=datetime.date(2026, 1, 5))
    response = admin_client.post(
        reverse("admin:placements_placement_add"),
        _placement_form(existing.child, HomeFactory(), "2026-02-01"),
    )
    assert response.status_code == 200
    assert "is already placed at" in response.content.decode()
    assert Placement.objects.filter(child=existing.child).count() == 1


def test_admin_refuses_a_child_into_a_full_home(admin_client):
    full = PlacementFactory(home=HomeFactory(beds=1)).home
    child = ChildFactory()
    response = admin_client.post(
        reverse("admin:placements_placement_add"), _placement_form(child, full, "2026-02-01")
    )
    assert "has no free bed" in response.content.decode()
    assert not Placement.objects.filter(child=child).exists()


def test_admin_refuses_a_safe_space_stay_past_28_days(admin_client):
    home = HomeFactory(home_type=home_type("safe-space"))
    child = ChildFactory(date_of_birth=datetime.date(2011, 1, 1))
    response = admin_client.post(
        reverse("admin:placements_placement_add"),
        _placement_form(child, home, "2026-01-05", planned_end_date="2026-02-20"),
    )
    assert "Ask a manager to authorise an extension" in response.content.decode()
    assert not Placement.objects.filter(child=child).exists()


def test_admin_saves_a_valid_placement_through_the_service(admin_client):
    child, home = ChildFactory(home_postcode="LS1 1AA"), HomeFactory(postcode="LS6 2AA")
    response = admin_client.post(
        reverse("admin:placements_placement_add"), _placement_form(child, home, "2026-01-05")
    )
    assert response.status_code == 302
    saved = Placement.objects.get(child=child)
    assert saved.distance_miles is not None and saved.urn == home.ofsted_urn


def test_admin_refuses_a_block_over_a_placed_child(admin_client):
    home = PlacementFactory(home=HomeFactory(beds=1), start_date=datetime.date(2026, 1, 5)).home
    response = admin_client.post(
        reverse("admin:homes_bedblock_add"),
        {"home": home.pk, "beds": 1, "start_date": "2026-02-01", "reason": "repairs"},
    )
    assert "does not have 1 empty bed" in response.content.decode()
    assert not BedBlock.objects.exists()


def test_admin_refuses_more_beds_than_the_home_type_allows(admin_client):
    response = admin_client.post(
        reverse("admin:homes_home_add"),
        {
            "name": "Too Big",
            "home_type": home_type("small-group").pk,
            "provision": "in_house",
            "postcode": "LS6 2AA",
            "beds": 3,
            "weekly_cost": "0",
            "ofsted_rating": "good",
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
        },
    )
    assert "may have at most 2 beds" in response.content.decode()
    assert not Home.objects.filter(name="Too Big").exists()


def test_admin_refuses_fewer_beds_than_children_placed(admin_client):
    home = HomeFactory(beds=2, name="Ash House")
    for _ in range(2):
        PlacementFactory(home=home, start_date=datetime.date(2026, 1, 5))
    response = admin_client.post(
        reverse("admin:homes_home_change", args=[home.pk]),
        {
            "name": "Ash House",
            "home_type": home.home_type.pk,
            "provision": "in_house",
            "postcode": "LS6 2AA",
            "beds": 1,
            "weekly_cost": "0",
            "ofsted_rating": "good",
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
        },
    )
    assert "Keep at least 2 beds" in response.content.decode()
    home.refresh_from_db()
    assert home.beds == 2


def test_admin_cannot_delete_records(admin_client):
    placement = PlacementFactory()
    url = reverse("admin:placements_placement_delete", args=[placement.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Placement.objects.filter(pk=placement.pk).exists()


def test_admin_refuses_fewer_carer_places_than_children_placed(admin_client):
    from tests.factories import CarerHouseholdFactory

    household = CarerHouseholdFactory(approved_places=2, name="The Ward household")
    for _ in range(2):
        PlacementFactory(
            home=None, carer=household, placement_type="U6", start_date=datetime.date(2026, 1, 5)
        )
    data = {
        "reference": household.reference,
        "name": household.name,
        "carer_type": "foster",
        "postcode": "LS8 1AA",
        "approval_status": "approved",
        "approved_on": "2020-01-01",
        "level": 2,
        "approved_places": 1,
        "min_age": 0,
        "max_age": 17,
        "weekly_cost": "0",
    }
    response = admin_client.post(
        reverse("admin:carers_carerhousehold_change", args=[household.pk]), data
    )
    assert "Keep at least 2 approved places" in response.content.decode()
    household.refresh_from_db()
    assert household.approved_places == 2


@pytest.mark.parametrize("social_worker", [" ", "not an id", str(2**70)])
def test_a_typed_social_worker_that_is_no_ones_id_is_refused_not_a_server_error(
    admin_client, social_worker
):
    child = ChildFactory()
    response = admin_client.post(
        reverse("admin:children_child_change", args=[child.pk]),
        {"social_worker": social_worker, "first_name": "Changed"},
    )
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    child.refresh_from_db()
    assert child.first_name != "Changed"
