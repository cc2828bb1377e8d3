import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from accounts.models import Role, User
from careleavers.models import CareLeaver, InterdependenceStage, KeepingInTouch
from carers.models import CarerHousehold, CarerType, Outreach
from children.models import Child, ChildStatus, SocialWorkerEpisode
from core import upn
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
from placements.models import (
    AdoptionDecision,
    MissingEpisode,
    Placement,
    PreviousPermanence,
    StayExtension,
)
from placements.occupancy import bed_totals, occupancy
from ssda903 import services, years
from ssda903.tables import CollectionYear
from ssda903.validator import KNOWN_FAULTS
from tests.factories import PlacementFactory
from timescales.calendar import add_months
from timescales.checks import reviews as reviews_check
from timescales.checks import visits as visits_check
from timescales.checks.reviews import looked_after_children, next_review_due
from timescales.checks.visits import next_visit_due, placements_with_visits
from timescales.models import (
    Alert,
    LookedAfterOutcomes,
    LookedAfterReview,
    PlacementPlan,
    SocialWorkerVisit,
)
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


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo council, loaded once for the module inside a transaction rolled back at its end;
    each test runs in a savepoint inside it, so what one test writes is gone for the next."""
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("seed-media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast_hasher, MEDIA_ROOT=media),
        pytest.MonkeyPatch.context() as patch,
        transaction.atomic(),
    ):
        # The reports' PDFs are tested by the inspections suite; here a stand-in keeps this fast.
        patch.setattr("inspections.pdf._render", lambda template, context: b"%PDF-1.7 demo")
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


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
    assert 45 <= Child.objects.count() <= 60
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


def test_about_85_percent_of_beds_are_in_use_across_the_home_types(seeded):
    """Occupancy as the board counts it: children in beds over the homes' beds (a blocked bed
    is not in use). Every kind of home has children, the secure home too, and the Safe Space
    turns over: one child went home this week and another leaves within the look-ahead."""
    rows = occupancy(Home.objects.all(), today())
    totals = bed_totals(rows)
    assert 0.8 <= totals["occupied"] / totals["beds"] <= 0.9, totals
    assert {r.home.home_type.code for r in rows if r.occupied} == set(
        HomeType.objects.values_list("code", flat=True)
    )
    assert all(r.occupied / r.beds >= 0.5 for r in rows), [(r.home, r.occupied) for r in rows]
    safe_space = next(r for r in rows if r.home.home_type.code == "safe-space")
    assert safe_space.departures
    assert Placement.objects.filter(
        home=safe_space.home, end_date__range=(today() - datetime.timedelta(days=7), today())
    ).exists()


def test_recent_admissions_to_the_councils_homes_followed_a_signed_off_matching(seeded):
    recent = Placement.objects.filter(
        home__managers__isnull=False, start_date__gte=today() - datetime.timedelta(days=365)
    ).distinct()
    assert recent.count() >= 15
    for stay in recent.select_related("matching"):
        assessment = stay.matching
        assert assessment is not None, stay
        assert (assessment.child_id, assessment.home_id) == (stay.child_id, stay.home_id)
        assert assessment.signed_off_at.date() < stay.start_date
        assert assessment.signed_off_by.managed_homes.filter(pk=stay.home_id).exists()


def test_a_planned_end_already_passed_is_marked_overdue(seeded, client):
    overdue = (
        Placement.objects.filter(end_date__isnull=True, planned_end_date__lt=today())
        .select_related("home", "child")
        .first()
    )
    assert overdue is not None
    client.force_login(User.objects.get(username="admin"))
    board = client.get(reverse("homes:occupancy")).content.decode()
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(overdue.home.name)}.*?</tr>", board, re.S)
    assert row and "Overdue" in row.group(0)
    record = client.get(reverse("children:detail", args=[overdue.child.pk])).content.decode()
    assert "Overdue" in record
    stay_page = client.get(reverse("placements:detail", args=[overdue.pk])).content.decode()
    assert "Overdue" in stay_page
    in_time = Placement.objects.filter(end_date__isnull=True, planned_end_date__gt=today()).first()
    calm = client.get(reverse("placements:detail", args=[in_time.pk])).content.decode()
    assert "Overdue" not in calm


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
    reviews = [next_review_due(r) for r in looked_after_children(today())]
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
    late = earlier.get(status="draft")  # last month's, written up but past its deadline
    deadline = datetime.timedelta(days=settings.REG44_REPORT_DEADLINE_DAYS)
    assert late.visit_date < today() - deadline
    assert late.visit_date >= add_months(month_start, -1)
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
            "reg44_report_late", "stay_limit_warning", "stay_limit_breach"} <= rules  # fmt: skip
    # A home unvisited this month is flagged only from the visit due day of the month.
    assert ("reg44_visit_due" in rules) == (today().day >= settings.REG44_VISIT_DUE_DAY)
    waiting = StayExtension.objects.get(status="requested")
    assert waiting.placement.end_date is None and waiting.placement.planned_end_date < today()


# What each demo user's first page (My work) shows them to do, on whatever day it is.
FIRST_PAGE_WORK = {
    "social.worker": ["Matches agreed: ready to place", "My caseload", "Overdue"],
    "home.manager": ["Match requests to assess", "My homes today", "Overdue"],
    "visitor": ["Homes I visit", "Overdue"],
    "admin": ["Match requests waiting for a manager", "Stay extensions waiting", "Overdue"],
    "personal.adviser": ["My caseload", "Alerts"],
    "board.member": ["Reports"],
}


def test_every_roles_first_page_shows_real_work(seeded, client):
    for username, work in FIRST_PAGE_WORK.items():
        client.force_login(User.objects.get(username=username))
        page = client.get("/").content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        for words in work:
            assert words in main, (username, words)


def test_the_demo_holds_903_content(seeded):
    children = Child.objects.all()
    assert all(upn.problem(c.upn) is None for c in children)
    assert children.filter(is_uasc=True).count() == 2 and children.filter(is_mother=True).exists()
    assert not LookedAfterReview.objects.filter(participation="").exists()
    assert SocialWorkerEpisode.objects.exclude(end_date=None).exists()
    assert MissingEpisode.objects.open().count() == 1 and MissingEpisode.objects.count() == 3
    assert LookedAfterOutcomes.objects.exists() and KeepingInTouch.objects.exists()
    assert PreviousPermanence.objects.exists() and AdoptionDecision.objects.exists()


def test_match_requests_in_flight_give_each_role_work(seeded, client):
    """One request waiting for the manager, one agreed that the social worker can place
    today, one declined: on My work for the demo manager and social worker."""
    from placements import matching
    from placements.models import MatchRequest

    requests = {m.status: m for m in MatchRequest.objects.select_related("child", "home")}
    assert set(requests) == {"requested", "agreed", "declined"}
    manager, social_worker = (
        User.objects.get(username=n) for n in ("home.manager", "social.worker")
    )
    for match in requests.values():
        assert match.requested_by == social_worker and match.proposed_start > today()
        assert match.home.managers.filter(pk=manager.pk).exists()
    client.force_login(manager)
    assert "Match requests to assess" in client.get("/").content.decode()
    client.force_login(social_worker)
    assert requests["agreed"].child.full_name in client.get("/").content.decode()

    agreed = requests["agreed"]
    matching.place_from_agreed_match(agreed, legal_status="C2", by=social_worker)
    agreed.refresh_from_db()
    assert agreed.status == "placed"


def test_the_demo_councils_return_passes_the_dfe_rules(seeded):
    """The return so far and last year's, exported and checked with the real rules: every error
    is one of the validator's known faults (README, "The DfE rules")."""
    so_far = CollectionYear.containing(today())
    for year in [y for y in (so_far, so_far.previous) if y.year <= years.LAST_YEAR]:
        outcome = services.check(year)
        assert outcome.rules_run > 250
        assert [(e.rule, e.child) for e in outcome.errors if e.rule not in KNOWN_FAULTS] == []
