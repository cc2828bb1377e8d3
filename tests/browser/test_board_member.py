"""A Corporate Parenting Board member sees anonymised aggregates only: the reports, never a
child's record, the occupancy board or the child search, and no child's name anywhere."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory

from .helpers import sign_in, url

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r'href="(/[^"#]*)')
MAX_PAGES = 40  # the board member's whole reachable site is far smaller


def reachable_pages(page, live_server):
    """Every HTML page reachable by following links from My work, fetched with the session."""
    seen, queue, pages = {"/"}, ["/"], {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        response = page.request.get(live_server.url + path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        html = response.text()
        pages[path] = (response.status, html)
        for link in LINK.findall(html):
            link = link.replace("&amp;", "&")
            if link not in seen and not link.startswith(("/static/", "/accounts/logout")):
                seen.add(link)
                queue.append(link)
    return pages


def test_board_member_reads_reports_but_reaches_no_child(live_server, page):
    board_member = UserFactory(role=Role.BOARD_MEMBER)
    social_worker = UserFactory(role=Role.SOCIAL_WORKER)
    child = ChildFactory(
        first_name="Zephyrine",
        last_name="Quillfeather",
        local_id="LC424242",
        social_worker=social_worker,
    )
    home = HomeFactory(name="Oak House")
    PlacementFactory(child=child, home=home, start_date=today() - datetime.timedelta(days=60))

    sign_in(page, live_server, board_member)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.get_by_role("link", name="Reports").first.click()
    expect(page).to_have_url(url(live_server, "reporting:list"))
    page.goto(url(live_server, "reporting:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()  # the aggregated figures

    denied = [
        url(live_server, "children:detail", child.pk),
        url(live_server, "children:edit", child.pk),
        url(live_server, "children:search", query="?q=Zephyrine"),
        url(live_server, "homes:occupancy"),
        url(live_server, "homes:detail", home.pk),
    ]
    for address in denied:
        response = page.goto(address)
        assert response.status in (403, 404), address
        expect(page.locator("body")).not_to_contain_text("Zephyrine")

    pages = reachable_pages(page, live_server)
    assert url(live_server, "reporting:dashboard").removeprefix(live_server.url) in pages
    for path, (status, html) in pages.items():
        assert status < 500, path
        for secret in ("Zephyrine", "Quillfeather", "LC424242"):
            assert secret not in html, f"{secret} shown to a board member on {path}"
