import datetime

import pytest
from django.core.management import call_command
from django.db.models import F

from accounts.models import Role, User
from careleavers.models import CareLeaver, InterdependenceStage
from carers.models import CarerHousehold, CarerType, Outreach
from children.models import Child, ChildStatus
from core.dates import today
from homes.models import BedBlock, Home, HomeType
from inspections.models import (
    Incident,
    PersonSpokenTo,
    Recommendation,
    Reg40Notification,
    Reg44Visit,
    Reg45Review,
)
from placements.models import Placement, StayExtension
from tests.factories import PlacementFactory
from timescales.checks import reviews as reviews_check
from timescales.checks import visits as visits_check
from timescales.checks.reviews import looked_after_children, next_review_due
from timescales.checks.visits import next_visit_due, placements_with_visits
from timescales.models import Alert, LookedAfterReview, PlacementPlan, SocialWorkerVisit
from timescales.selectors import open_alerts_for

from .rule_checks import assert_rules_hold, rule_breaches

DEMO_USERS = [
    "social.worker", "home.manager", "visitor", "board.member", "admin", "personal.adviser",
]  # fmt: skip


def _counts():
    models = [User, Home, Child, Placement, CarerHousehold, CareLeaver, Outreach, BedBlock,
              LookedAfterReview, SocialWorkerVisit, PlacementPlan, Reg44Visit, Recommendation,
              Incident, Reg40Notification, Reg45Review, Alert]  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture
def seeded(db, capsys, settings, monkeypatch, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    # The reports' PDFs are tested by the inspections suite; here a stand-in keeps this fast.
    monkeypatch.setattr("inspections.pdf._render", lambda template, context: b"%PDF-1.7 demo")
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_prints_the_demo_users_and_password(seeded):
    assert "homeward-demo-2026" in seeded
    for username in DEMO_USERS:
        assert username in seeded


def test_running_it_again_creates_nothing(seeded, capsys):
    before = _counts()
    call_command("seed_demo")
    assert "already loaded" in capsys.readouterr().out
    assert _counts() == before


def test_one_demo_user_per_role_who_can_sign_in(seeded):
    roles = {User.objects.get(username=name).role for name in DEMO_USERS}
    assert roles == set(Role.values)
    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password("homeward-demo-2026")
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.role == Role.ADMINISTRATOR


def test_demo_users_have_records_to_work_with(seeded):
    caseload = Child.objects.filter(social_worker__username="social.worker").count()
    assert 10 <= caseload <= 14
    assert 2 <= Home.objects.filter(managers__username="home.manager").count() <= 3
    assert 2 <= Home.objects.filter(independent_visitors__username="visitor").count() <= 3
    assert CareLeaver.objects.filter(personal_adviser__username="personal.adviser").count() >= 5


def test_a_believable_council(seeded):
    assert set(Home.objects.values_list("home_type__code", flat=True)) == set(
        HomeType.objects.values_list("code", flat=True)
    )
    external = Home.objects.filter(provision="external")
    assert external.count() >= 1
    assert all(5000 <= home.weekly_cost <= 7500 for home in external)
    assert {s for s in Child.objects.values_list("status", flat=True)} >= {
        ChildStatus.EDGE_OF_CARE,
        ChildStatus.LOOKED_AFTER,
        ChildStatus.CARE_LEAVER,
    }
    assert 35 <= Child.objects.count() <= 45
    assert set(CarerHousehold.objects.values_list("carer_type", flat=True)) == set(CarerType.values)
    assert set(CarerHousehold.objects.exclude(level=None).values_list("level", flat=True)) == {
        1,
        2,
        3,
        4,
    }
    assert CarerHousehold.objects.filter(approval_status="temporary").exists()
    assert set(
        CareLeaver.objects.exclude(interdependence_stage="").values_list(
            "interdependence_stage", flat=True
        )
    ) == set(InterdependenceStage.values)
    assert BedBlock.objects.filter(home__provision="external").exists()
    assert Outreach.objects.filter(hub__home_type__offers_outreach=True).exists()
    two_years_ago = today() - datetime.timedelta(days=700)
    assert Placement.objects.filter(start_date__lte=two_years_ago).exists()
    assert Placement.objects.filter(reason_episode_ceased="X1").count() >= 5  # moves


def test_safe_space_stays_at_and_near_the_limit(seeded):
    open_stays = Placement.objects.open().filter(home__home_type__code="safe-space")
    days = sorted(p.days_in_placement(today()) for p in open_stays)
    assert 27 in days
    extended = StayExtension.objects.get(status="authorised")
    assert extended.placement.home.home_type.code == "safe-space"
    assert extended.placement.planned_end_date == extended.extend_to
    assert (extended.extend_to - extended.placement.start_date).days > 28


def test_demo_data_obeys_every_rule(seeded):
    assert_rules_hold()


def test_the_rule_checks_notice_a_full_home_overfilled(seeded):
    full = Home.objects.get(home_type__code="small-group")
    PlacementFactory(
        home=full,
        child__date_of_birth=datetime.date(2012, 1, 1),
        start_date=today() - datetime.timedelta(days=5),
    )
    assert rule_breaches()["home over capacity"]


def _clock_states(due_dates, remind_days):
    """Overdue, due within the days the check reminds before, and the rest (in time)."""
    day = today()
    overdue = sum(due < day for due in due_dates)
    soon = sum(day <= due <= day + datetime.timedelta(days=remind_days) for due in due_dates)
    return overdue, soon, len(due_dates) - overdue - soon


def test_most_reviews_and_visits_are_in_time_and_a_few_are_not(seeded):
    reviews = [next_review_due(r) for r in looked_after_children(today()).values(
        "became", "reviews", "first_review", "last_review")]  # fmt: skip
    visits = [next_visit_due(r) for r in placements_with_visits(today()).values(
        "start_date", "last_visit", "long_interval")]  # fmt: skip
    for due_dates, remind_days in ((reviews, reviews_check.REMIND_DAYS_BEFORE),
                                   (visits, visits_check.REMIND_DAYS_BEFORE)):  # fmt: skip
        overdue, soon, in_time = _clock_states(due_dates, remind_days)
        assert 1 <= overdue <= 3 and soon >= 1
        assert in_time >= 0.7 * len(due_dates)


def test_reviews_and_visits_fall_inside_periods_of_care(seeded):
    for model, field in ((LookedAfterReview, "held_on"), (SocialWorkerVisit, "visited_on")):
        for child_id, day in model.objects.values_list("child_id", field):
            assert day <= today()
            in_care = Placement.objects.live().filter(child_id=child_id)
            assert in_care.active_on(day).exists(), (model.__name__, child_id, day)
    open_placements = Placement.objects.open()
    assert PlacementPlan.objects.filter(placement__in=open_placements).count() == (
        open_placements.count()
    )


def test_reg44_visits_tell_the_visitors_story(seeded):
    visitor_homes = Home.objects.filter(independent_visitors__username="visitor")
    month_start = today().replace(day=1)
    this_month = Reg44Visit.objects.filter(home__in=visitor_homes, visit_date__gte=month_start)
    assert this_month.filter(status="draft").count() == 1
    assert this_month.filter(status="submitted").count() == 1
    assert visitor_homes.exclude(reg44_visits__visit_date__gte=month_start).count() == 1
    earlier = Reg44Visit.objects.filter(home__in=visitor_homes, visit_date__lt=month_start)
    assert earlier.count() == 5 * visitor_homes.count()
    assert not earlier.filter(status="draft").exists()
    assert not earlier.filter(submitted_at__date__gt=F("visit_date") + datetime.timedelta(days=7))
    done = Recommendation.objects.exclude(done_at=None)
    assert done.count() >= 5 and not done.filter(evidence="").exists()
    assert Recommendation.objects.open().count() >= 3
    assert Recommendation.objects.overdue(today()).count() == 1
    children = PersonSpokenTo.objects.filter(kind="child")
    assert children.exists() and all(" " not in p.name and p.consent for p in children)
    assert Incident.objects.filter(kind="missing").exists() and Reg40Notification.objects.exists()
    assert Reg45Review.objects.filter(status="completed").exists()


def test_todays_checks_have_run_and_each_working_role_has_alerts(seeded):
    for username in ["social.worker", "home.manager", "admin", "visitor"]:
        assert open_alerts_for(User.objects.get(username=username)), username
    rules = set(Alert.objects.values_list("rule", flat=True))
    assert {"looked_after_review_due", "social_worker_visit_due", "reg44_action_overdue",
            "reg44_visit_due", "stay_limit_warning", "stay_limit_breach"} <= rules  # fmt: skip
    waiting = StayExtension.objects.get(status="requested")
    assert waiting.placement.end_date is None and waiting.placement.planned_end_date < today()
