import pytest
from django.core.management import call_command

from homes.home_types import HOME_TYPES
from homes.models import HomeType


def _codes():
    return set(HomeType.objects.values_list("code", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_standard_home_types_in_place():
    # What every transactional test does at its end: without the types, the tests after it
    # could not make a home.
    call_command("flush", interactive=False, verbosity=0)
    assert _codes() == {fields["code"] for fields in HOME_TYPES}


@pytest.mark.django_db
def test_migrate_puts_back_a_missing_type_and_keeps_edits_to_the_others():
    HomeType.objects.filter(code="safe-space").delete()
    HomeType.objects.filter(code="mst").update(purpose="Edited by the administrator")
    call_command("migrate", verbosity=0)
    assert _codes() == {fields["code"] for fields in HOME_TYPES}
    assert HomeType.objects.get(code="mst").purpose == "Edited by the administrator"
