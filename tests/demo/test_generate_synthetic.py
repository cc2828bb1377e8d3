import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from careleavers.models import CareLeaver
from carers.models import CarerHousehold
from children.models import Child
from homes.models import BedBlock, Home, HomeType
from placements.models import Placement

from .rule_checks import assert_rules_hold


@pytest.fixture
def generated(db):
    call_command("generate_synthetic", children=300, years=6, seed=7)


def test_makes_the_requested_children_and_a_population_around_them(generated):
    assert Child.objects.count() == 300
    assert Home.objects.count() == 10  # at least 10 homes, one of every type
    assert set(Home.objects.values_list("home_type__code", flat=True)) == set(
        HomeType.objects.values_list("code", flat=True)
    )
    assert CarerHousehold.objects.count() == 120  # children / 2.5
    assert Placement.objects.count() > 600
    assert CareLeaver.objects.exists()
    assert BedBlock.objects.exists()
    statuses = set(Child.objects.values_list("status", flat=True))
    assert {"looked_after", "care_leaver", "edge_of_care"} <= statuses


def test_every_placement_rule_holds(generated):
    assert_rules_hold()


def test_stays_are_believable_for_their_home_type(generated):
    stays = Placement.objects.exclude(end_date=None).values_list(
        "home__home_type__code", "start_date", "end_date"
    )
    for code, start, end in stays:
        days = (end - start).days
        if code == "safe-space":
            assert days <= 28
        elif code == "mst":
            assert days <= 84
        elif code == "towards-home":
            assert days <= 274
    in_homes = (
        Placement.objects.exclude(home=None).count()
        - Placement.objects.filter(is_short_break=True).exclude(home=None).count()
    )
    with_carers = Placement.objects.exclude(carer=None).filter(is_short_break=False).count()
    assert with_carers > in_homes  # mostly foster and kinship care


def test_codes_follow_the_place(generated):
    by_type = dict(
        Placement.objects.exclude(home=None).values_list("placement_type").annotate(n=Count("id"))
    )
    assert set(by_type) <= {"K1", "K2"}
    assert not Placement.objects.filter(home__provision="external").exclude(provider="PR4").exists()
    assert not Placement.objects.filter(carer__carer_type="agency").exclude(provider="PR4").exists()
    assert not Placement.objects.filter(reason_episode_ceased="X1", end_date=None).exists()
    ended = Placement.objects.exclude(end_date=None)
    assert not ended.filter(reason_episode_ceased="").exists()
    assert not ended.filter(outcome="").exists()
    assert Placement.objects.filter(outside_council_area=True).exists()
    assert not Placement.objects.filter(distance_miles=None).exists()


def test_running_twice_adds_a_second_population(generated):
    call_command("generate_synthetic", children=50, years=2, seed=8)
    assert Child.objects.count() == 350
    assert_rules_hold()


def test_refuses_nonsense_sizes(db):
    with pytest.raises(CommandError):
        call_command("generate_synthetic", children=0)
    assert not Child.objects.exists()


def _foreign_keys():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = 'placements_placement'::regclass"
        )
        return sorted(cursor.fetchall())


def test_foreign_keys_are_back_after_a_postgresql_load(db, on_postgres):
    before = _foreign_keys()
    call_command("generate_synthetic", children=40, years=2)
    assert _foreign_keys() == before and len(before) >= 3
