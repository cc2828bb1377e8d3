"""WCAG 2.2 AA on the main pages, for each role that uses them: axe-core finds no violation at
all (best practice included, such as all content inside landmarks), on the pages as they first
open, on forms showing their errors and on the check-your-answers pages."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from inspections import services as inspections
from tests.access.carers_world import carers_of, leavers_of
from tests.access.rules_notifications import _notification_for_social_worker
from tests.access.world import build_world

from .helpers import signed_in_as, url

pytestmark = pytest.mark.django_db(transaction=True)

SW, HM, IV = Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.INDEPENDENT_VISITOR
BM, ADMIN = Role.BOARD_MEMBER, Role.ADMINISTRATOR


def child_details_with_mistakes(page, world):
    page.get_by_label("First name").fill("")
    born = page.get_by_role("group", name="Date of birth", exact=True)
    born.get_by_label("Day").fill("31")
    born.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date of birth must be a real date"
    )


def vacancy_dates_the_wrong_way_round(page, world):
    start = page.get_by_role("group", name="End date")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("1")
    start.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Search vacancies").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def start_a_visit_report(page, world):
    """The visitor first forgets everything, then starts the report and reaches its form."""
    page.get_by_role("button", name="Start the report").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    yield
    day = today() - datetime.timedelta(days=1)
    visit_date = page.get_by_role("group", name=re.compile("Date of the visit"))
    visit_date.get_by_label("Day").fill(str(day.day))
    visit_date.get_by_label("Month").fill(str(day.month))
    visit_date.get_by_label("Year").fill(str(day.year))
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Start the report").click()
    expect(page).to_have_url(re.compile(r"/visits/\d+/edit/$"))


def placement_form_with_mistakes(page, world):
    page.get_by_role("button", name="Record placement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the legal status")


def end_answers_to_check(page, world):
    """The end form, then its check-your-answers page."""
    day = today()
    ended = page.get_by_role("group", name="End date")
    ended.get_by_label("Day").fill(str(day.day))
    ended.get_by_label("Month").fill(str(day.month))
    ended.get_by_label("Year").fill(str(day.year))
    page.get_by_role("radio", name=re.compile("Returned home")).check()
    page.get_by_label("Reason the episode ended").select_option("E4A")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before ending the placement"
    )


def _draft_visit(world):
    visitor = world.users[IV]
    day = today() - datetime.timedelta(days=1)
    visit = inspections.start_visit(home=world.my_home, by=visitor, visit_date=day, announced=True)
    return [visit.pk]


@dataclass
class Case:
    """A page to check: who opens it, where, and optional steps after which it is checked again
    (a generator checks again at each `yield`)."""

    name: str
    role: str
    url_name: str
    args: Callable = lambda world: []
    query: Callable = lambda world: ""
    shows: Callable = lambda world: ""  # text that proves the page has its records on it
    then: Callable | None = None

    def __str__(self):
        return f"{self.name} ({self.role})"


CASES = [
    Case("my work", SW, "accounts:my_work", shows=lambda w: w.my_child.full_name),
    Case("my work", HM, "accounts:my_work", shows=lambda w: w.my_home.name),
    Case("my work", IV, "accounts:my_work", shows=lambda w: w.my_home.name),
    Case("my work", ADMIN, "accounts:my_work"),
    Case("my work", BM, "accounts:my_work"),
    Case(
        "child record",
        SW,
        "children:detail",
        args=lambda w: [w.my_child.pk],
        shows=lambda w: w.my_home.name,
    ),
    Case(
        "child edit",
        SW,
        "children:edit",
        args=lambda w: [w.my_child.pk],
        then=child_details_with_mistakes,
    ),
    Case(
        "child search results",
        SW,
        "children:search",
        query=lambda w: f"?q={w.my_child.last_name}",
        shows=lambda w: w.my_child.full_name,
    ),
    Case("occupancy board", HM, "homes:occupancy", shows=lambda w: w.my_home.name),
    Case("placement form", SW, "placements:new", then=placement_form_with_mistakes),
    Case(
        "end a placement",
        SW,
        "placements:end",
        args=lambda w: [w.my_placement.pk],
        then=end_answers_to_check,
    ),
    Case(
        "Reg 44 check answers",
        IV,
        "inspections:visit_submit",
        args=_draft_visit,
        shows=lambda w: "Not yet given",
    ),
    Case(
        "vacancy search",
        SW,
        "homes:vacancies",
        query=lambda w: f"?start={today().isoformat()}",
        shows=lambda w: w.other_home.name,
        then=vacancy_dates_the_wrong_way_round,
    ),
    Case("carers", SW, "carers:list", shows=lambda w: carers_of(w).my_household.name),
    Case(
        "care leavers",
        SW,
        "careleavers:list",
        shows=lambda w: leavers_of(w).my_leaver.child.full_name,
    ),
    Case("notifications", SW, "notifications:list", shows=lambda w: "planned to end"),
    Case("reports dashboard", BM, "reporting:dashboard"),
    Case("reports", BM, "reporting:list"),
    Case("audit search", ADMIN, "audit:search"),
    Case(
        "subject access request",
        ADMIN,
        "governance:subject_access",
        args=lambda w: [w.my_child.pk],
        shows=lambda w: w.my_child.full_name,
    ),
    Case("Reg 44 visits", IV, "inspections:index", shows=lambda w: w.my_home.name),
    Case(
        "Reg 44 visit form",
        IV,
        "inspections:visit_create",
        args=lambda w: [w.my_home.pk],
        then=start_a_visit_report,
    ),
]


@pytest.fixture
def world():
    world = build_world()
    carers_of(world)
    leavers_of(world)
    _notification_for_social_worker(world)
    return world


@pytest.mark.parametrize("case", CASES, ids=str)
def test_page_has_no_serious_accessibility_violations(live_server, page, axe, world, case):
    signed_in_as(page.context, live_server, world.users[case.role])
    response = page.goto(
        url(live_server, case.url_name, *case.args(world), query=case.query(world))
    )
    assert response.status == 200, response.url
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(case.shows(world))
    axe(page, every=True)
    if case.then is not None:
        steps = case.then(page, world)
        for _ in steps or ():
            axe(page, every=True)
        axe(page, every=True)
