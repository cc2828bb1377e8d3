"""Each journey as its role, from signing in to the end, with axe on every page on the way:
(a) a social worker finds a placement from the child's record and asks a home for a match, the
manager assesses it from My work and signs it off, the social worker places the child from the
agreed match; (b) a social worker moves a child living with carers from the child's record;
(c) a move planned for tomorrow shows on the occupancy board's look-ahead; and ending a placement
after checking the answers."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from children.models import LegalStatusRecord
from core.dates import add_years, today
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
)
from tests.placements.helpers import signed_off_matching

from .conftest import format_violations
from .helpers import sign_in, url

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, live_server, user):
    sign_in(page, live_server, user)
    expect(page.get_by_text("Signed in as")).to_be_visible()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.fixture
def axe(axe):
    """axe with no violation at all, of any impact, on the journeys' pages."""

    def check(page):
        result = axe(page)
        assert result["violations"] == [], format_violations(result["violations"])
        return result

    return check


def _heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


@pytest.fixture
def people(db):
    social_worker = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    manager = UserFactory(username="morgan", role=Role.HOME_MANAGER)
    return social_worker, manager


def _child(social_worker, **names):
    child = ChildFactory(
        social_worker=social_worker,
        date_of_birth=add_years(today(), -14),
        **{"first_name": "Ada", "last_name": "Lovelace", **names},
    )
    LegalStatusRecord.objects.create(
        child=child, legal_status="C2", start_date=today() - datetime.timedelta(days=400)
    )
    return child


def test_referral_to_match_to_placement(live_server, page, axe, people):
    social_worker, manager = people
    oak = HomeFactory(name="Oak House")
    oak.managers.add(manager)
    resident = PlacementFactory(home=oak, start_date=today() - datetime.timedelta(days=30)).child
    child = _child(social_worker)
    start = today() + datetime.timedelta(days=7)

    # The social worker starts from the child's record.
    _sign_in(page, live_server, social_worker)
    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.get_by_text("Not placed")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Find a placement").click()
    expect(page.get_by_text("Finding a placement for Ada Lovelace")).to_be_visible()
    expect(page.get_by_label("Age of the child")).to_have_value("14")
    _fill_date(page, "Start date", start)
    page.get_by_role("button", name="Search vacancies").click()
    ask = page.get_by_role("link", name="Ask for a match at Oak House")
    expect(ask).to_be_visible()  # the results have loaded: axe checks them, not the search
    axe(page)
    ask.click()
    _heading(page, "Ask Oak House for a match")
    page.get_by_role("button", name="Send match request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter what the child needs from the home"
    )
    axe(page)
    page.get_by_label("What the child needs from the home").fill(
        "A calm home near her school; gets on well with younger children."
    )
    page.get_by_role("button", name="Send match request").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Match request sent")
    expect(page.get_by_text("Waiting for the manager")).to_be_visible()
    axe(page)
    _sign_out(page)

    # The home's manager sees it on My work, assesses the impact and signs it off.
    _sign_in(page, live_server, manager)
    expect(
        page.get_by_role("heading", name=re.compile("Match requests to assess"))
    ).to_contain_text("1")
    axe(page)
    page.get_by_role("link", name=re.compile("Ada Lovelace")).click()
    expect(page.get_by_text("A calm home near her school")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Assess and sign off").click()
    _heading(page, "Matching assessment for Ada Lovelace")
    page.get_by_role("button", name="Sign off matching assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Choose the risk level for {resident.full_name}"
    )
    axe(page)
    page.get_by_role("group", name=f"Risk to and from {resident.full_name}").get_by_label(
        "Low"
    ).check()
    page.get_by_role("radio", name="Admit", exact=True).check()
    page.get_by_role("textbox", name="Summary").fill(
        "Settles well; a room away from the younger boys."
    )
    page.get_by_label("I have considered the impact on every child living in the home").check()
    page.get_by_role("button", name="Sign off matching assessment").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the request is agreed")
    axe(page)
    _sign_out(page)

    # The social worker is told, and records the placement from the agreed match.
    _sign_in(page, live_server, social_worker)
    expect(page.get_by_text("Matches agreed: ready to place")).to_be_visible()
    expect(page.locator(".app-notifications-bell")).to_contain_text("1")
    page.goto(url(live_server, "notifications:list"))
    expect(
        page.get_by_role("cell", name=re.compile("^Match agreed The manager of Oak House"))
    ).to_be_visible()
    axe(page)
    page.get_by_role("link", name=re.compile("Act on this")).click()
    page.get_by_role("link", name="Record the placement").click()
    _heading(page, "Record a placement")
    expect(page.get_by_role("radio", name=str(child))).to_be_checked()
    expect(page.get_by_role("radio", name="Oak House")).to_be_checked()
    expect(page.get_by_label("Legal status")).to_have_value("C2")
    axe(page)
    page.get_by_role("button", name="Record placement").click()
    _heading(page, "Placement at Oak House")
    expect(page.get_by_text("Admit, signed off")).to_be_visible()
    axe(page)


def test_move_a_carer_placement_from_the_childs_record(live_server, page, axe, people):
    social_worker, _ = people
    child = _child(social_worker, first_name="Ben", last_name="Ashworth")
    PlacementFactory(
        child=child,
        home=None,
        carer=CarerHouseholdFactory(name="The Ahmed household"),
        start_date=today() - datetime.timedelta(days=200),
        placement_type="U6",
    )
    CarerHouseholdFactory(name="The Brown household")

    _sign_in(page, live_server, social_worker)
    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.get_by_role("link", name="The Ahmed household")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Move Ben").click()
    _heading(page, "Move a child")
    page.get_by_role("button", name="Move child").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the move date")
    expect(summary).to_contain_text("Choose the reason for the move")  # every error at once
    axe(page)
    _fill_date(page, "Move date", today())
    page.get_by_label("Carer household").press_sequentially("brown")
    page.get_by_role("radio", name="The Brown household").check()
    page.get_by_label("Reason for the move").select_option("CARPL")
    axe(page)
    page.get_by_role("button", name="Move child").click()
    _heading(page, "Placement at The Brown household")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Ben Ashworth moved to The Brown household"
    )
    axe(page)
    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.get_by_role("link", name="The Brown household")).to_be_visible()
    axe(page)


def test_a_planned_move_tomorrow_appears_in_the_look_ahead(live_server, page, axe, people):
    social_worker, _ = people
    oak, elm = HomeFactory(name="Oak House"), HomeFactory(name="Elm House")
    child = _child(social_worker, first_name="Cara", last_name="Dunn")
    PlacementFactory(child=child, home=oak, start_date=today() - datetime.timedelta(days=60))
    signed_off_matching(child, elm)
    tomorrow = today() + datetime.timedelta(days=1)

    _sign_in(page, live_server, social_worker)
    page.goto(url(live_server, "children:detail", child.pk))
    page.get_by_role("link", name="Move Cara").click()
    _fill_date(page, "Move date", tomorrow)
    page.get_by_label("Children's home").press_sequentially("elm")
    page.get_by_role("radio", name="Elm House").check()
    page.get_by_label("Reason for the move").select_option("CARPL")
    page.get_by_role("button", name="Move child").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Cara Dunn moves to Elm House on {tomorrow.day} {tomorrow:%B %Y}"
    )
    axe(page)

    page.get_by_role("link", name="Occupancy", exact=True).click()
    _heading(page, "Occupancy board")
    day = f"{tomorrow.day} {tomorrow:%b}"
    oak_row = page.get_by_role("row", name=re.compile("Oak House"))
    elm_row = page.get_by_role("row", name=re.compile("Elm House"))
    expect(oak_row.get_by_role("cell").nth(2)).to_have_text("1")  # occupied: still at Oak today
    expect(oak_row.get_by_role("cell").last).to_contain_text(f"{day}: Cara Dunn")  # leaving
    expect(elm_row.get_by_role("cell").nth(-2)).to_contain_text(f"{day}: Cara Dunn")  # arriving
    axe(page)

    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.get_by_text("moving to Elm House")).to_be_visible()
    axe(page)


def test_end_a_placement_after_checking_the_answers(live_server, page, axe, people):
    social_worker, _ = people
    child = _child(social_worker, first_name="Dan", last_name="Eyre")
    PlacementFactory(
        child=child,
        home=None,
        carer=CarerHouseholdFactory(name="The Clarke household"),
        start_date=today() - datetime.timedelta(days=90),
        placement_type="U6",
    )
    leaving = today() + datetime.timedelta(days=4)

    _sign_in(page, live_server, social_worker)
    page.goto(url(live_server, "children:detail", child.pk))
    page.get_by_role("link", name="End this placement").click()
    _heading(page, "End a placement")
    _fill_date(page, "End date", leaving)
    page.get_by_role("radio", name="Kinship care (family and friends)").check()
    page.get_by_label("Reason the episode ended").select_option("E4A")
    page.get_by_role("button", name="Continue").click()
    _heading(page, "Check your answers before ending the placement")
    expect(page.get_by_text("Kinship care (family and friends)")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Change where did the child go?").click()
    expect(page.get_by_role("radio", name="Kinship care (family and friends)")).to_be_checked()
    page.get_by_role("radio", name="Returned home to family").check()
    axe(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Returned home to family")).to_be_visible()
    page.get_by_role("button", name="End placement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"The placement will end on {leaving.day} {leaving:%B %Y}"
    )
    axe(page)
    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.get_by_role("link", name="Cancel the planned move or end")).to_be_visible()
    axe(page)
