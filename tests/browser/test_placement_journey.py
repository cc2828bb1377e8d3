"""A social worker finds a vacancy and records a placement; the home's manager sees it on the
occupancy board. axe checks the vacancy search, the placement form with errors and with the
child searched for as you type, and the board."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from tests.factories import ChildFactory, HomeFactory, UserFactory
from tests.placements.helpers import signed_off_matching

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, live_server, user):
    sign_in(page, live_server, user)
    expect(page.get_by_text("Signed in as")).to_be_visible()


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_social_worker_places_a_child_and_the_manager_sees_it(live_server, page, axe):
    social_worker = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    manager = UserFactory(username="morgan", role=Role.HOME_MANAGER)
    home = HomeFactory(name="Oak House")
    home.managers.add(manager)
    child = ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")
    signed_off_matching(child, home, by=manager)

    _sign_in(page, live_server, social_worker)
    page.goto(f"{live_server.url}/homes/vacancies/")
    _fill_date(page, "Start date", today())
    page.get_by_role("button", name="Search vacancies").click()
    expect(page.get_by_role("row", name=re.compile("Oak House"))).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Record a placement at Oak House").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a placement")
    expect(page.get_by_role("radio", name="Oak House")).to_be_checked()
    page.get_by_role("button", name="Record placement").click()  # no child, no legal status
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the legal status")
    expect(page).to_have_title(re.compile(r"^Error: Record a placement"))
    axe(page)

    page.get_by_label("Child or young person").press_sequentially("love")  # htmx searches
    page.get_by_role("radio", name=str(child)).check()
    axe(page)
    page.get_by_label("Legal status").select_option("C2")
    page.get_by_role("button", name="Record placement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Placement at Oak House")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Placement recorded")

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/homes/occupancy/")
    row = page.get_by_role("row", name=re.compile("Oak House"))
    expect(row.get_by_role("cell").nth(2)).to_have_text("1")  # occupied, after area and beds
    page.goto(f"{live_server.url}/homes/{home.pk}/")
    expect(page.get_by_role("link", name="Ada Lovelace", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/homes/occupancy/")
    axe(page)
