"""Every 903 placement type, with the rules that follow from it, on the services every write
path uses: where a type can be, the provider, the Ofsted URN, age and temporary limits."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from carers.models import CarerType
from placements import services
from placements.models import Placement
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 4)
HOSPITAL = dict(provider_name="Leeds General Infirmary", placement_postcode="LS1 3EX")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


def place(child, by, **where):
    where.setdefault("legal_status", "C2")
    return services.place_child(child=child, start_date=where.pop("start", DAY), by=by, **where)


def refused(child, by, **where) -> dict:
    with pytest.raises(ValidationError) as error:
        place(child, by, **where)
    return {k: " ".join(v) for k, v in error.value.message_dict.items()}


def test_placed_with_parents_elsewhere_has_pr0_and_no_urn(social_worker):
    child = ChildFactory(home_postcode="LS8 1AA")
    stay = place(
        child,
        social_worker,
        provider_name="Mother's home",
        placement_postcode="ls81aa",
        placement_type="P1",
        provider="PR0",
    )
    assert (stay.placement_postcode, stay.urn, stay.home_postcode) == ("LS8 1AA", "", "LS8 1AA")
    assert stay.location == "Mother's home" and stay.reason_new_episode == "S"


@pytest.mark.parametrize(
    ("where", "field", "message"),
    [
        (dict(placement_type="P1", provider="PR1"), "provider", "provided by the parents (PR0)"),
        (dict(placement_type="R5", provider="PR0"), "provider", "provided by the parents"),
        (dict(placement_type="R2", provider="PR2"), "provider", "cannot be “Other local"),
        (dict(placement_type="A4", provider="PR3", urn="SC123456"), "provider", "cannot be"),
        (dict(placement_type="P1", provider="PR0", urn="SC123456"), "urn", "has no Ofsted URN"),
        (dict(placement_type="S1", provider="PR4"), "urn", "needs one"),
        (dict(placement_type="S1", provider="PR4", urn="12AB"), "urn", "is not an Ofsted URN"),
        (dict(placement_type="R3", provider="PR4", urn="XXXXXXX"), "urn", "regional adoption"),
        (dict(placement_type="U4", provider="PR1"), "carer", "with a carer household"),
        (dict(placement_type="K2", provider="PR4"), "home", "in a children's home"),
        (dict(placement_type="Z11", provider="PR4"), "provider", "has no placement provider"),
    ],
)
def test_provider_and_urn_rules(social_worker, where, field, message):
    child = ChildFactory(date_of_birth=datetime.date(2009, 1, 1))
    assert message in refused(child, social_worker, **HOSPITAL, **where)[field]


def test_a_real_postcode_is_needed_for_a_placement_elsewhere(social_worker):
    errors = refused(
        ChildFactory(),
        social_worker,
        provider_name="Hospital",
        placement_postcode="ZZ9 9ZZ",
        placement_type="R2",
        provider="PR3",
    )
    assert "not a postcode in use" in errors["placement_postcode"]


def test_supported_accommodation_is_for_16_and_over(social_worker):
    where = dict(HOSPITAL, placement_type="K3", provider="PR4", urn="2512345")
    young = ChildFactory(date_of_birth=datetime.date(2010, 6, 1))
    assert "aged 16 or over" in refused(young, social_worker, **where)["placement_type"]
    assert place(ChildFactory(date_of_birth=datetime.date(2010, 1, 1)), social_worker, **where)


def test_temporary_placements_follow_a_stay_and_keep_their_limits(social_worker):
    child = ChildFactory()
    hospital = dict(HOSPITAL, placement_type="T1")
    errors = refused(
        child, social_worker, planned_end_date=DAY + datetime.timedelta(days=10), **hospital
    )
    assert "follows another placement" in errors["placement_type"]
    carer = CarerHouseholdFactory()
    home_stay = place(child, social_worker, carer=carer, start=DAY - datetime.timedelta(days=30))
    services.end_placement(home_stay, end_date=DAY, outcome="other", reason_episode_ceased="X1",
                           by=social_worker)  # fmt: skip
    too_long = refused(child, social_worker, planned_end_date=DAY + datetime.timedelta(days=43), **hospital)  # fmt: skip
    assert "lasts at most 42 days" in too_long["planned_end_date"]
    assert "no placement provider" in refused(
        child, social_worker, provider="PR3", planned_end_date=DAY + datetime.timedelta(days=5), **hospital
    )["provider"]  # fmt: skip
    stay = place(
        child, social_worker, planned_end_date=DAY + datetime.timedelta(days=5), **hospital
    )
    assert (stay.provider, stay.urn, stay.reason_new_episode) == ("", "", "P")
    with pytest.raises(ValidationError, match="cannot end with a temporary placement"):
        services.end_placement(stay, end_date=DAY + datetime.timedelta(days=5), outcome="other",
                               reason_episode_ceased="E4A", by=social_worker)  # fmt: skip


def test_types_follow_the_home_or_household(social_worker):
    child = ChildFactory(date_of_birth=datetime.date(2012, 1, 1))
    secure = HomeFactory(home_type=home_type("secure"))
    assert (
        "“Secure children's home” (K1)"
        in refused(child, social_worker, home=secure, placement_type="K2")["placement_type"]
    )
    kinship = CarerHouseholdFactory(carer_type=CarerType.KINSHIP)
    assert (
        "cannot have a “Foster care with other foster carer, long term” (U4)"
        in refused(child, social_worker, carer=kinship, placement_type="U4")["placement_type"]
    )
    assert place(child, social_worker, carer=kinship, placement_type="U1").provider == "PR1"


def test_a_household_without_a_fostering_urn_is_refused(social_worker):
    carer = CarerHouseholdFactory(urn="")
    errors = refused(ChildFactory(), social_worker, carer=carer)
    assert "has no fostering service URN" in errors["carer"]
    assert not Placement.objects.exists()


def test_a_type_without_a_urn_carries_none_from_the_household(social_worker):
    child = ChildFactory()
    carer = CarerHouseholdFactory()
    place(child, social_worker, carer=carer, start=DAY - datetime.timedelta(days=30))
    first = Placement.objects.get()
    services.end_placement(first, end_date=DAY, outcome="other", reason_episode_ceased="X1",
                           by=social_worker)  # fmt: skip
    respite = place(child, social_worker, carer=CarerHouseholdFactory(), placement_type="T3",
                    planned_end_date=DAY + datetime.timedelta(days=14))  # fmt: skip
    assert respite.urn == "" and respite.provider == ""


def test_the_placement_form_records_a_stay_elsewhere(client, social_worker):
    child = ChildFactory(social_worker=social_worker, date_of_birth=datetime.date(2009, 1, 1))
    client.force_login(social_worker)
    response = client.post(
        reverse("placements:new"),
        {
            "child": child.pk,
            "start_date": DAY.isoformat(),
            "legal_status": "J1",
            "provider_name": "Wetherby Young Offender Institution",
            "placement_postcode": "ls23 7ay",
            "placement_type": "R5",
            "provider": "PR3",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    stay = Placement.objects.get(child=child)
    assert (stay.placement_type, stay.placement_postcode, stay.urn) == ("R5", "LS23 7AY", "")


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"provider_name": "Hospital"}, "placement_type", "Choose the placement type"),
        ({"provider_name": "Hospital", "carer": "x"}, "carer", "from the list"),
        ({"placement_postcode": "NOWHERE"}, "placement_postcode", "real postcode"),
        ({}, "home", "or name where"),
    ],
)
def test_the_placement_form_explains_where_answers(client, social_worker, answers, field, message):
    child = ChildFactory(social_worker=social_worker)
    client.force_login(social_worker)
    data = {"child": child.pk, "start_date": DAY.isoformat(), "legal_status": "C2", **answers}
    response = client.post(reverse("placements:new"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Placement.objects.exists()


def test_the_move_form_sets_type_provider_and_legal_status_and_works_out_rne(client, social_worker):
    child = ChildFactory(social_worker=social_worker, home_postcode="LS9 6LA")
    carer = CarerHouseholdFactory()
    stay = place(child, social_worker, carer=carer, legal_status="C1",
                 start=DAY - datetime.timedelta(days=60))  # fmt: skip
    client.force_login(social_worker)
    response = client.post(
        reverse("placements:move", args=[stay.pk]),
        {"move_date": DAY.isoformat(), "carer": CarerHouseholdFactory().pk,
         "placement_type": "U4", "legal_status": "C2", "home_postcode": "ls8 2aa",
         "reason_placement_change": "CARPL"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    moved = Placement.objects.get(child=child, end_date=None)
    assert (moved.placement_type, moved.legal_status, moved.reason_new_episode) == ("U4", "C2", "B")
    assert moved.home_postcode == "LS8 2AA"
    stay.refresh_from_db()
    assert (stay.reason_episode_ceased, stay.reason_placement_change) == ("X1", "CARPL")


def test_the_move_form_moves_a_child_into_hospital(client, social_worker):
    child = ChildFactory(social_worker=social_worker)
    stay = place(child, social_worker, carer=CarerHouseholdFactory(),
                 start=DAY - datetime.timedelta(days=60))  # fmt: skip
    client.force_login(social_worker)
    answers = {"move_date": DAY.isoformat(), "reason_placement_change": "PLACE",
               "provider_name": "Leeds General Infirmary", "placement_postcode": "LS1 3EX",
               "placement_type": "T1", "planned_end_date": (DAY + datetime.timedelta(days=50)).isoformat()}  # fmt: skip
    refused = client.post(reverse("placements:move", args=[stay.pk]), answers)
    assert "lasts at most 42 days" in " ".join(refused.context["form"].errors["planned_end_date"])
    assert Placement.objects.filter(child=child).count() == 1
    answers["planned_end_date"] = (DAY + datetime.timedelta(days=10)).isoformat()
    assert client.post(reverse("placements:move", args=[stay.pk]), answers).status_code == 302
    hospital = Placement.objects.get(child=child, end_date=None)
    assert (hospital.location, hospital.provider, hospital.reason_new_episode) == (
        "Leeds General Infirmary", "", "P",
    )  # fmt: skip


def test_a_stay_recorded_before_the_903_rules_can_still_end(social_worker):
    legacy = PlacementFactory(child=ChildFactory(), home=None, carer=CarerHouseholdFactory(urn=""),
                              placement_type="U4", start_date=DAY - datetime.timedelta(days=90))  # fmt: skip
    ended = services.end_placement(legacy, end_date=DAY, outcome="returned_home",
                                   reason_episode_ceased="E4A", by=social_worker)  # fmt: skip
    assert ended.end_date == DAY
