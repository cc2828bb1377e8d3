import datetime
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from accounts.models import Role
from careleavers.models import CareLeaver
from carers.models import CarerHousehold
from children.models import Child
from core.dates import today
from homes.models import BedBlock, Home, HomeType
from inspections.models import Recommendation, Reg44Visit
from placements.models import Placement, StayExtension
from timescales.checks.reviews import looked_after_children, next_review_due
from timescales.checks.visits import next_visit_due, placements_with_visits
from timescales.models import LookedAfterReview, PlacementPlan, SocialWorkerVisit

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
        limit = {"safe-space": 28, "mst": 84, "towards-home": 274}.get(code)
        if limit:
            assert days <= limit + 21  # a few overrun, by three weeks at most
    in_homes = (
        Placement.objects.exclude(home=None).count()
        - Placement.objects.filter(is_short_break=True).exclude(home=None).count()
    )
    with_carers = Placement.objects.exclude(carer=None).filter(is_short_break=False).count()
    assert with_carers > in_homes  # mostly foster and kinship care


def _overran(placements):
    return [
        p
        for p in placements
        if (p.end_date or today())
        > p.start_date + datetime.timedelta(p.home.home_type.max_stay_days)
    ]


def test_some_limited_stays_overran_with_and_without_an_extension(generated):
    limited = Placement.objects.filter(home__home_type__max_stay_days__isnull=False).select_related(
        "home__home_type"
    )
    overran = _overran(limited)
    extended = [p for p in overran if p.extensions.exists()]
    assert 0.03 * len(limited) < len(overran) < 0.25 * len(limited)
    assert 0 < len(extended) < len(overran)
    for placement in overran:
        if placement in extended:
            continue
        assert placement.planned_end_date < (placement.end_date or datetime.date.max)
    for extension in StayExtension.objects.select_related("placement", "decided_by"):
        assert extension.status == "authorised"
        assert extension.decided_by.role == Role.ADMINISTRATOR
        assert extension.placement.planned_end_date == extension.extend_to
        assert extension.placement.end_date in (None, extension.extend_to)


def test_reviews_and_visits_belong_to_periods_of_care_and_are_mostly_on_time(generated):
    for model, field in ((LookedAfterReview, "held_on"), (SocialWorkerVisit, "visited_on")):
        rows = list(model.objects.values_list("child_id", field, "child__social_worker_id"))
        assert len(rows) > 100
        for child_id, day, _ in rows[:: max(1, len(rows) // 200)]:
            assert Placement.objects.live().filter(child_id=child_id).active_on(day).exists()
        assert all(worker is not None for *_, worker in rows)
    assert not LookedAfterReview.objects.exclude(recorded_by__role=Role.SOCIAL_WORKER).exists()
    open_placements = Placement.objects.active_on(today()).filter(is_short_break=False)
    visits = placements_with_visits(today()).values("start_date", "last_visit", "long_interval")
    overdue = sum(next_visit_due(r) < today() for r in visits)
    assert 0 < overdue < 0.15 * open_placements.count()
    reviews = looked_after_children(today())
    assert sum(next_review_due(r) < today() for r in reviews) < 0.15 * len(reviews)
    held = sorted(LookedAfterReview.objects.values_list("child_id", "held_on"))
    gaps = [(b - a).days for (c, a), (d, b) in itertools.pairwise(held) if c == d]
    assert 0 < sum(gap > 184 for gap in gaps) < 0.15 * len(gaps)  # a few reviews were late
    planned = PlacementPlan.objects.filter(placement__in=open_placements).count()
    assert 0.9 * open_placements.count() < planned <= open_placements.count()


def test_reg44_visits_most_months_and_a_few_open_actions(generated):
    in_house = Home.objects.filter(provision="in_house")
    visits = Reg44Visit.objects.all()
    assert set(visits.values_list("home__provision", flat=True)) == {"in_house"}
    for home_id, visitor_id in visits.values_list("home_id", "visitor_id")[:50]:
        assert in_house.filter(pk=home_id, independent_visitors=visitor_id).exists()
    assert visits.count() > 0.8 * 24 * in_house.count() * 0.6  # homes opened lately have fewer
    assert not visits.filter(status="submitted", submitted_at=None).exists()
    actions = Recommendation.objects.all()
    assert not actions.exclude(done_at=None).filter(evidence="").exists()
    overdue = Recommendation.objects.overdue(today()).count()
    assert 0 < overdue < 0.1 * actions.count()
    assert Recommendation.objects.open().count() > overdue


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
