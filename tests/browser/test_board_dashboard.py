"""The board member's dashboard in the browser: homes and beds are counted in full however few
they are, a small count of children is hidden with the reason given, the page passes axe, and at
320 px it does not scroll sideways."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory, home_type

from .helpers import sign_in, url

pytestmark = pytest.mark.django_db(transaction=True)


def test_board_member_sees_home_and_bed_counts_in_full(live_server, page, axe):
    secure = home_type("secure")
    first, second = (HomeFactory(home_type=secure, beds=2) for _ in range(2))
    for home in (first, second):  # a child each, from the month before last, still there
        PlacementFactory(
            child=ChildFactory(),
            home=home,
            start_date=today().replace(day=1) - datetime.timedelta(days=40),
            placement_type="K1",
        )

    sign_in(page, live_server, UserFactory(role=Role.BOARD_MEMBER))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.goto(url(live_server, "reporting:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board figures")

    by_type = page.get_by_role("table", name=re.compile("^By home type"))
    secure_row = by_type.get_by_role("row", name=re.compile("^Secure children's home"))
    cells = secure_row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("2")  # homes
    expect(cells.nth(1)).to_have_text("4")  # beds
    expect(cells.nth(4)).to_have_text("2")  # vacancies today
    summary = page.get_by_role("table", name="Beds, occupancy and blocked beds")
    expect(summary.get_by_role("row", name=re.compile("^Registered beds"))).to_contain_text("4")

    stays = page.get_by_role("table", name="Stays in children's homes")
    expect(stays.get_by_role("row", name=re.compile("^Stays started"))).to_contain_text(
        "fewer than 6"
    )
    expect(page.get_by_text("'fewer than 6' stands for 1 to 5 children").first).to_be_visible()
    expect(page.locator("#figures-made")).to_contain_text("Worked out at")
    axe(page)

    page.set_viewport_size({"width": 320, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
