"""The person to allocate (a child's social worker or key worker, a household's supervising
social worker) is chosen by searching their name, not from a drop-down of every one of them:
at regional size there are thousands. As you type, accounts:people gives the results; without
JavaScript the search button posts the form back to show them and saves nothing."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from carers.models import CarerHousehold
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


def people(client, field, typed):
    return client.get(reverse("accounts:people", args=[field]), {f"{field}_q": typed})


def offered(response):
    """The people offered, as their radios' labels say."""
    return re.findall(
        r'govuk-radios__label" for="[^"]+">([^<]+)</label>', response.content.decode()
    )


@pytest.fixture
def okafors(db):
    return {
        "social worker": UserFactory(first_name="Sam", last_name="Okafor", role=Role.SOCIAL_WORKER),
        "adviser": UserFactory(first_name="Ada", last_name="Okafor", role=Role.PERSONAL_ADVISER),
        "manager": UserFactory(first_name="Ben", last_name="Okafor", role=Role.HOME_MANAGER),
        "left": UserFactory(
            first_name="Cy", last_name="Okafor", role=Role.SOCIAL_WORKER, is_active=False
        ),
    }


def test_each_search_finds_only_active_people_who_may_hold_that_role(
    client, administrator, okafors
):
    client.force_login(administrator)

    social_workers = people(client, "social_worker", "okafor")
    key_workers = people(client, "key_worker", "OKAFOR")

    assert offered(social_workers) == [str(okafors["social worker"]), "None"]
    assert offered(key_workers) == [str(okafors["adviser"]), str(okafors["social worker"]), "None"]
    assert 'name="key_worker"' in key_workers.content.decode()
    assert offered(people(client, "personal_adviser", "okafor")) == [
        str(okafors["adviser"]),
        "None",
    ]


def test_a_search_nobody_may_use_or_no_form_has_is_refused(client, social_worker, okafors):
    client.force_login(social_worker)
    assert people(client, "key_worker", "okafor").status_code == 200
    assert people(client, "social_worker", "okafor").status_code == 403  # administrators only
    assert people(client, "password", "okafor").status_code == 404


def test_the_allocation_page_lists_no_one_until_a_name_is_typed(
    client, administrator, okafors, django_assert_max_num_queries
):
    child = ChildFactory(social_worker=okafors["social worker"])
    client.force_login(administrator)
    url = reverse("children:allocate", args=[child.pk])

    with django_assert_max_num_queries(12) as few:
        page = client.get(url).content.decode()
    UserFactory.create_batch(20, role=Role.SOCIAL_WORKER, last_name="Zephaniah")
    with django_assert_max_num_queries(len(few.captured_queries)):
        again = client.get(url).content.decode()

    assert "Sam Okafor" in page  # the one allocated now, to keep or change
    assert "Zephaniah" not in again

    searched = client.post(url, {"social_worker": "", "social_worker_q": "zeph",
                                 "search_for": "social_worker"})  # fmt: skip
    assert searched.status_code == 200
    assert searched.content.decode().count("Zephaniah") == 10  # the first ten: type more


def test_searching_on_the_household_form_without_javascript_saves_nothing(
    client, administrator, okafors
):
    client.force_login(administrator)
    answers = {
        "name": "The Osei household",
        "reference": "FC-2044",
        "carer_type": "foster",
        "postcode": "LS8 1AA",
        "supervising_social_worker_q": "okafor",
        "search_for": "supervising_social_worker",
    }

    shown = client.post(reverse("carers:new"), answers)

    assert shown.status_code == 200 and not CarerHousehold.objects.exists()
    assert "Sam Okafor" in shown.content.decode()
    assert 'value="The Osei household"' in shown.content.decode()

    answers.pop("search_for")
    answers["supervising_social_worker"] = okafors["social worker"].pk
    saved = client.post(reverse("carers:new"), answers)

    assert saved.status_code == 302
    household = CarerHousehold.objects.get()
    assert household.supervising_social_worker == okafors["social worker"]
