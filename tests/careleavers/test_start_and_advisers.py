"""Starting leaving-care support from a child's record, and allocating personal advisers: who
may, the ages each kind of care leaver can be, the history of advisers and the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from careleavers import services
from careleavers.models import AdviserAllocation, CareLeaver
from tests.carers.conftest import TODAY, date_fields
from tests.factories import CareLeaverFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(db):
    return UserFactory(username="pa", role=Role.PERSONAL_ADVISER, first_name="Pat")


@pytest.fixture
def child(social_worker):
    # 17 on TODAY (1 June 2026): eligible, still looked after.
    return ChildFactory(
        social_worker=social_worker, first_name="Kai", date_of_birth=datetime.date(2009, 2, 1)
    )


def start_url(child):
    return reverse("careleavers:new", args=[child.pk])


def answers(**changes):
    data = {
        "eligibility": "eligible",
        **date_fields("pathway_plan_date", datetime.date(2026, 5, 20)),
        **date_fields("pathway_plan_review_due", datetime.date(2026, 11, 20)),
        "activity": "F2",
        "in_touch": "yes",
        "accommodation": "C",
        "accommodation_suitable": "yes",
        "interdependence_stage": "",
    }
    data.update(changes)
    return data


def test_social_worker_starts_support_from_the_childs_record(client, social_worker, adviser, child):
    client.force_login(social_worker)
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert start_url(child) in record

    response = client.post(start_url(child), answers(personal_adviser=adviser.pk), follow=True)

    leaver = CareLeaver.objects.get()
    assert response.redirect_chain[-1][0] == reverse("careleavers:detail", args=[leaver.pk])
    assert "Leaving-care support for Kai" in response.content.decode()
    assert (leaver.child, leaver.personal_adviser, leaver.activity) == (child, adviser, "F2")
    period = AdviserAllocation.objects.get()
    assert (period.person, period.started_on, period.allocated_by) == (
        adviser,
        TODAY,
        social_worker,
    )
    event = AuditEvent.objects.get(action="create", object_type="careleavers.careleaver")
    assert event.user == social_worker and event.changes["eligibility"] == [
        None,
        "Eligible (16-17, still looked after)",
    ]
    # Once started, the child's record links no more to starting it, and the adviser sees them.
    assert (
        start_url(child)
        not in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    )
    client.force_login(adviser)
    assert client.get(reverse("careleavers:detail", args=[leaver.pk])).status_code == 200


@pytest.mark.parametrize(
    ("born", "eligibility", "message"),
    [
        (datetime.date(2011, 1, 1), "eligible", "Leaving-care support starts at 16; Kai is 15."),
        (
            datetime.date(2001, 1, 1),
            "former_relevant",
            "Leaving-care support ends at 25; Kai is 25.",
        ),
        (datetime.date(2009, 2, 1), "former_relevant", "young people are 18 to 24; Kai is 17."),
        (datetime.date(2006, 2, 1), "relevant", "young people are 16 to 17; Kai is 20."),
    ],
)
def test_eligibility_must_fit_the_young_persons_age(
    client, administrator, born, eligibility, message
):
    child = ChildFactory(first_name="Kai", date_of_birth=born)
    client.force_login(administrator)
    response = client.post(start_url(child), answers(eligibility=eligibility))
    assert message in response.context["form"].errors["eligibility"][0]
    assert not CareLeaver.objects.exists()


def test_every_missing_answer_is_named_at_once(client, social_worker, child):
    client.force_login(social_worker)
    page = client.post(start_url(child), {}).content.decode().replace("&#x27;", "’")
    assert "govuk-error-summary" in page
    for message in (
        "Choose the young person’s eligibility",
        "Choose what the young person is doing",
        "Choose whether the young person is in touch",
        "Choose where the young person lives",
    ):
        assert message in page, message
    assert not CareLeaver.objects.exists()


def test_a_second_record_is_not_started(client, social_worker, child):
    leaver = CareLeaverFactory(child=child, eligibility="eligible")
    client.force_login(social_worker)
    assert client.get(start_url(child)).url == reverse("careleavers:detail", args=[leaver.pk])
    with pytest.raises(ValidationError, match="already has a leaving-care record"):
        services.start_leaving_care(child, by=social_worker, **{"eligibility": "eligible"})


def test_an_adviser_reallocated_ends_the_last_ones_time(social_worker, adviser, child):
    leaver = CareLeaverFactory(child=child, eligibility="eligible")  # adviser from before
    old = UserFactory(username="old-pa", role=Role.PERSONAL_ADVISER)
    leaver.personal_adviser = old
    leaver.save()

    services.update_care_leaver(
        leaver, by=social_worker, expected_version=leaver.version, personal_adviser=adviser
    )

    periods = list(
        AdviserAllocation.objects.values_list("person__username", "started_on", "ended_on")
    )
    assert periods == [("pa", TODAY, None), ("old-pa", None, TODAY)]
    event = AuditEvent.objects.get(
        action="update", object_type="careleavers.careleaver", user=social_worker
    )
    assert event.changes["personal_adviser"] == [str(old), str(adviser)]


def test_only_the_social_worker_or_an_administrator_allocates_an_adviser(
    client, social_worker, adviser, child
):
    leaver = CareLeaverFactory(child=child, eligibility="eligible", personal_adviser=adviser)
    other = UserFactory(username="pa2", role=Role.PERSONAL_ADVISER)
    client.force_login(adviser)
    assert (
        "personal_adviser"
        not in client.get(reverse("careleavers:edit", args=[leaver.pk])).context["form"].fields
    )
    with pytest.raises(PermissionDenied):
        services.update_care_leaver(
            leaver, by=adviser, expected_version=leaver.version, personal_adviser=other
        )
    client.force_login(social_worker)
    edit = client.post(
        reverse("careleavers:edit", args=[leaver.pk]),
        answers(personal_adviser=social_worker.pk, version=leaver.version),
    )
    assert "Choose a personal adviser from the list" in edit.content.decode()
    leaver.refresh_from_db()
    assert leaver.personal_adviser == adviser and not AdviserAllocation.objects.exists()


def test_the_advisers_over_time_show_on_the_record(client, administrator, adviser, child):
    leaver = CareLeaverFactory(child=child, eligibility="eligible")
    services.update_care_leaver(
        leaver, by=administrator, expected_version=leaver.version, personal_adviser=adviser
    )
    client.force_login(administrator)
    page = client.get(reverse("careleavers:detail", args=[leaver.pk])).content.decode()
    assert "Personal advisers over time" in page and "from 1 June 2026 to now" in page


def test_the_list_says_how_to_start_support(client, social_worker, adviser):
    client.force_login(social_worker)
    page = client.get(reverse("careleavers:list")).content.decode()
    assert "Start leaving-care support" in page and "You have no care leavers to show." in page
    client.force_login(adviser)
    assert (
        "Start leaving-care support" not in client.get(reverse("careleavers:list")).content.decode()
    )


def test_the_start_page_runs_a_fixed_number_of_queries(
    client, social_worker, child, django_assert_max_num_queries
):
    client.force_login(social_worker)
    with django_assert_max_num_queries(12) as small:
        client.get(start_url(child))
    for n in range(10):
        UserFactory(username=f"pa{n}", role=Role.PERSONAL_ADVISER)
        ChildFactory(social_worker=social_worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(start_url(child))


def test_the_admin_keeps_the_rules_and_the_history(client, adviser, child):
    leaver = CareLeaverFactory(child=child, eligibility="eligible")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:careleavers_careleaver_change", args=[leaver.pk])
    data = {
        "child": child.pk,
        "eligibility": "former_relevant",
        "personal_adviser": adviser.pk,
        "activity": "0",
        "accommodation": "R",
        "in_touch": "on",
        "keeping_in_touch-TOTAL_FORMS": "0",  # the OC3 history, shown read-only
        "keeping_in_touch-INITIAL_FORMS": "0",
    }
    refused = client.post(url, data)
    assert "young people are 18 to 24; Kai is 17." in refused.content.decode()
    assert client.post(url, {**data, "eligibility": "eligible"}).status_code == 302
    period = AdviserAllocation.objects.get()
    assert (period.leaver, period.person, period.started_on) == (leaver, adviser, TODAY)
