"""People's names are listed as a reader expects: "de Souza" among the Ds and "O'Brien" among
the Os, not after Z for a small first letter (core.models.PersonNameField), on every list that
sorts by name, whichever database runs it."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.downloads import every_page
from tests.factories import CareLeaverFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db
READING_ORDER = ["Adams", "de Souza", "Evans", "O'Brien", "Oakley", "van Dijk", "Zubair"]


def test_the_childrens_search_lists_them_in_reading_order(client, administrator):
    for last_name in reversed(READING_ORDER):
        ChildFactory(first_name="Sam", last_name=last_name)
    client.force_login(administrator)
    shown = every_page(client, reverse("children:search"), {"q": "sam"})
    assert [child.last_name for child in shown] == READING_ORDER


def test_the_care_leavers_list_orders_young_people_by_name(client, administrator):
    for last_name in reversed(READING_ORDER):
        child = ChildFactory(
            last_name=last_name, status="care_leaver", date_of_birth=datetime.date(2006, 1, 1)
        )
        CareLeaverFactory(child=child)
    client.force_login(administrator)
    shown = every_page(client, reverse("careleavers:list"))
    assert [leaver.child.last_name for leaver in shown] == READING_ORDER


def test_staff_to_choose_from_are_offered_in_reading_order(client, administrator):
    for last_name in reversed(READING_ORDER):
        UserFactory(role=Role.SOCIAL_WORKER, first_name="Sam", last_name=last_name)
    child = ChildFactory()
    client.force_login(administrator)
    form = client.get(reverse("children:key_worker", args=[child.pk])).context["form"]
    offered = [person.last_name for person in form.fields["key_worker"].queryset]
    assert [name for name in offered if name in READING_ORDER] == READING_ORDER
