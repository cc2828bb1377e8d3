"""Adding and changing carer households and the carers who live in them: who may, the rules
(all their messages at once, in the web and the admin), the audit trail and stale saves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from carers import services
from carers.models import ApprovalStatus, Carer, CarerHousehold, MockingbirdHub
from tests.factories import (
    CarerFactory,
    CarerHouseholdFactory,
    ChildFactory,
    PlacementFactory,
    UserFactory,
)

from .conftest import TODAY, date_fields

pytestmark = pytest.mark.django_db

NEW = reverse("carers:new")


def household_answers(**changes):
    data = {
        "name": "The Osei household",
        "reference": "FC-2044",
        "carer_type": "foster",
        "agency_name": "",
        "weekly_cost": "",
        "postcode": "ls8 1aa",
        "mockingbird_hub": "",
    }
    data.update(changes)
    return data


def carer_answers(**changes):
    data = {
        "first_name": "Ama",
        "last_name": "Osei",
        **date_fields("date_of_birth", datetime.date(1979, 4, 2)),
    }
    data.update(changes)
    return data


@pytest.fixture
def household(social_worker):
    return CarerHouseholdFactory(name="Ash household", supervising_social_worker=social_worker)


def test_social_worker_adds_a_household_and_supervises_it(client, social_worker):
    client.force_login(social_worker)

    response = client.post(NEW, household_answers(), follow=True)

    household = CarerHousehold.objects.get()
    assert response.redirect_chain[-1][0] == reverse("carers:detail", args=[household.pk])
    assert "Now add the carers who live there" in response.content.decode()
    assert household.supervising_social_worker == social_worker
    assert household.approval_status == ApprovalStatus.IN_ASSESSMENT
    assert household.postcode == "LS8 1AA"
    event = AuditEvent.objects.get(action="create", object_type="carers.carerhousehold")
    assert event.user == social_worker and event.changes["name"] == [None, "The Osei household"]


def test_administrator_chooses_the_supervising_social_worker(client, administrator, social_worker):
    client.force_login(administrator)
    form = client.get(NEW).context["form"]
    assert "supervising_social_worker" in form.fields
    client.post(NEW, household_answers(supervising_social_worker=social_worker.pk))
    assert CarerHousehold.objects.get().supervising_social_worker == social_worker


def test_every_missing_answer_is_named_at_once(client, social_worker):
    client.force_login(social_worker)
    page = client.post(NEW, {}).content.decode()
    for message in (
        "Enter the household name",
        "Enter the reference",
        "Choose the type of carer",
        "Enter the postcode",
    ):
        assert message in page, message
    assert not CarerHousehold.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"carer_type": "agency"}, "agency_name", "Enter the name of the fostering agency"),
        ({"weekly_cost": "950"}, "weekly_cost", "Only agency carers have a weekly fee"),
        ({"postcode": "LS99 9ZZ"}, "postcode", "not in the postcode directory"),
        ({"postcode": "nowhere"}, "postcode", "Enter a real postcode"),
        ({"reference": "FC-0001"}, "reference", "Another household has this reference"),
        ({"is_hub_carer": "on"}, "mockingbird_hub", "Choose the Mockingbird constellation"),
        ({"weekly_cost": "lots"}, "weekly_cost", "as an amount in pounds"),
    ],
)
def test_a_broken_household_rule_is_explained_and_nothing_saved(
    client, social_worker, changes, field, message
):
    CarerHouseholdFactory(reference="FC-0001")
    client.force_login(social_worker)
    response = client.post(NEW, household_answers(**changes))
    assert any(message in error for error in response.context["form"].errors[field])
    assert CarerHousehold.objects.count() == 1


def test_a_constellation_has_one_hub_carer(social_worker):
    hub = MockingbirdHub.objects.create(name="North")
    CarerHouseholdFactory(name="Hub home", mockingbird_hub=hub, is_hub_carer=True)
    with pytest.raises(ValidationError, match="Hub home is already the hub carer"):
        services.create_household(
            by=social_worker,
            **{
                **household_answers(postcode="LS8 1AA"),
                "mockingbird_hub": hub,
                "is_hub_carer": True,
            },
        )


def test_supervising_social_worker_changes_details_with_an_audited_diff(
    client, social_worker, household
):
    client.force_login(social_worker)
    url = reverse("carers:edit", args=[household.pk])
    assert "supervising_social_worker" not in client.get(url).context["form"].fields

    answers = household_answers(
        name="Ash family", reference=household.reference, version=household.version
    )
    assert client.post(url, answers).status_code == 302

    household.refresh_from_db()
    assert household.name == "Ash family"
    event = AuditEvent.objects.get(action="update", object_type="carers.carerhousehold")
    assert event.changes["name"] == ["Ash household", "Ash family"]


def test_only_an_administrator_changes_the_supervising_social_worker(social_worker, household):
    other = UserFactory(username="other-sw", role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.update_household(
            household,
            by=social_worker,
            expected_version=household.version,
            supervising_social_worker=other,
        )
    with pytest.raises(ValidationError, match="Choose a social worker"):
        services.update_household(
            household,
            by=UserFactory(username="boss", role=Role.ADMINISTRATOR),
            expected_version=household.version,
            supervising_social_worker=UserFactory(username="hm", role=Role.HOME_MANAGER),
        )


def test_a_stale_save_of_the_details_shows_both_versions(client, administrator, household):
    opened_at = household.version
    services.update_household(
        household, by=administrator, expected_version=opened_at, name="Saved first"
    )
    client.force_login(administrator)
    response = client.post(
        reverse("carers:edit", args=[household.pk]),
        household_answers(name="Typed second", reference=household.reference, version=opened_at),
    )
    page = response.content.decode()
    assert "Someone else saved this record" in page and "Saved first" in page
    assert CarerHousehold.objects.get().name == "Saved first"


def test_approved_places_keep_within_the_usual_fostering_limit(client, administrator, household):
    url = reverse("carers:approval", args=[household.pk])
    answers = {
        "approval_status": "approved",
        **date_fields("approved_on", datetime.date(2020, 1, 1)),
        "approved_places": "4",
        "min_age": "0",
        "max_age": "17",
        "version": str(household.version),
    }
    client.force_login(administrator)
    assert "usual fostering limit" in client.post(url, answers).content.decode()
    assert client.post(url, {**answers, "approved_places": "0"}).context["form"].errors[
        "approved_places"
    ] == ["An approved household needs at least 1 approved place."]

    assert client.post(url, {**answers, "exempt_from_usual_limit": "on"}).status_code == 302
    household.refresh_from_db()
    assert household.approved_places == 4 and household.exempt_from_usual_limit


def test_the_admin_keeps_the_household_rules(client, administrator, household):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    url = reverse("admin:carers_carerhousehold_change", args=[household.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "approved_on": "2020-01-01",
            "approved_places": "5",
            "postcode": "LS99 9ZZ",
            "weekly_cost": "0",
            "carers-TOTAL_FORMS": "1",
            "carers-INITIAL_FORMS": "0",
            "carers-0-first_name": "Young",
            "carers-0-last_name": "Person",
            "carers-0-date_of_birth": "2012-01-01",
        }
    )
    response = client.post(url, data)
    errors = response.context["adminform"].form.errors
    assert "usual fostering limit" in str(errors["approved_places"])
    assert "not in the postcode directory" in str(errors["postcode"])
    inline = response.context["inline_admin_formsets"][0].formset
    assert "A carer must be 18 or over." in str(inline.errors)
    household.refresh_from_db()
    assert household.approved_places == 2 and not Carer.objects.exists()


def test_carers_are_added_and_shown_on_the_household(client, social_worker, household):
    client.force_login(social_worker)
    response = client.post(
        reverse("carers:carer_add", args=[household.pk]),
        carer_answers(is_main_carer="on"),
        follow=True,
    )
    carer = Carer.objects.get()
    assert (carer.household, carer.is_main_carer) == (household, True)
    page = response.content.decode()
    assert "Ama Osei" in page and "Main carer" in page
    assert reverse("carers:carer_edit", args=[carer.pk]) in page
    event = AuditEvent.objects.get(action="create", object_type="carers.carer")
    assert event.user == social_worker


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (date_fields("date_of_birth", datetime.date(2010, 1, 1)), "A carer must be 18 or over."),
        ({"first_name": ""}, "Enter the first name"),
        (
            {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "Enter the date of birth",
        ),
    ],
)
def test_a_carer_who_breaks_a_rule_is_not_added(client, social_worker, household, changes, message):
    client.force_login(social_worker)
    response = client.post(
        reverse("carers:carer_add", args=[household.pk]), carer_answers(**changes)
    )
    assert message in response.content.decode()
    assert not Carer.objects.exists()


def test_a_carer_who_leaves_is_kept_but_not_the_last_one_while_children_live_there(
    client, social_worker, household
):
    first = CarerFactory(household=household, first_name="Kofi")
    PlacementFactory(child=ChildFactory(), home=None, carer=household, placement_type="U6")
    client.force_login(social_worker)
    url = reverse("carers:carer_edit", args=[first.pk])

    def leave(carer, day):
        answers = carer_answers(
            first_name=carer.first_name,
            last_name=carer.last_name,
            version=carer.version,
            **date_fields("left_on", day),
        )
        return client.post(reverse("carers:carer_edit", args=[carer.pk]), answers)

    refused = leave(first, TODAY)
    assert "the only carer living in the household" in refused.content.decode()
    assert (
        "Record the day they left once they have left"
        in leave(first, TODAY + datetime.timedelta(days=1)).content.decode()
    )

    CarerFactory(household=household, first_name="Efua")
    assert leave(first, TODAY).status_code == 302
    first.refresh_from_db()
    assert first.left_on == TODAY
    assert (
        "Left on 1 Jun 2026"
        in client.get(reverse("carers:detail", args=[household.pk])).content.decode()
    )
    assert client.get(url).status_code == 200


def test_social_worker_of_another_household_cannot_change_it(client, social_worker):
    theirs = CarerHouseholdFactory()
    client.force_login(social_worker)
    assert client.get(reverse("carers:edit", args=[theirs.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_carer(
            theirs,
            by=social_worker,
            first_name="A",
            last_name="B",
            date_of_birth=datetime.date(1980, 1, 1),
        )


def test_list_offers_to_add_a_household_and_says_when_there_are_none(
    client, social_worker, home_manager
):
    client.force_login(social_worker)
    page = client.get(reverse("carers:list")).content.decode()
    assert "No carer households are recorded yet." in page and NEW in page
    client.force_login(home_manager)
    assert NEW not in client.get(reverse("carers:list")).content.decode()
