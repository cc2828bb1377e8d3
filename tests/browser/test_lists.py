"""The lists in the browser: each downloads as CSV and Excel, and the file read back holds the
rows the page shows; at 320 px wide no key page scrolls sideways (tables scroll in their own
container) and axe finds nothing on it, best practice included. axe checks every page on the way."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from ssda903.models import ReturnError, ValidationRun
from tests.access.carers_world import carers_of, leavers_of
from tests.access.rules_notifications import _notification_for_social_worker
from tests.access.world import build_world
from tests.downloads import read_rows
from tests.placements.helpers import extension_request, match_request

from .helpers import sign_in, signed_in_as, url

pytestmark = pytest.mark.django_db(transaction=True)

SW, HM, PA = Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.PERSONAL_ADVISER
ADMIN, IV = Role.ADMINISTRATOR, Role.INDEPENDENT_VISITOR

# (who, list, query, the download's column that a column of the page shows, and which column
# when not the first)
LISTS = [
    (SW, "placements:caseload", "", "Child"),
    (HM, "homes:occupancy", "", "Home"),
    (SW, "homes:vacancies", "?start={today}", "Home"),
    (SW, "carers:list", "", "Household"),
    (PA, "careleavers:list", "", "Young person"),
    (SW, "alerts:list", "", "Alert"),
    (SW, "children:search", "?q={last_name}", "Name"),
    (SW, "placements:requests", "", "Child"),
    (ADMIN, "audit:search", "?label={last_name}", "Who", 2),
]

KEY_PAGES = [
    (SW, "accounts:my_work", lambda w: [], ""),
    (HM, "accounts:my_work", lambda w: [], ""),
    (ADMIN, "accounts:my_work", lambda w: [], ""),
    (HM, "homes:occupancy", lambda w: [], ""),
    (SW, "homes:vacancies", lambda w: [], "?start={today}"),
    (SW, "carers:list", lambda w: [], ""),
    (SW, "careleavers:list", lambda w: [], ""),
    (SW, "children:detail", lambda w: [w.my_child.pk], ""),
    (SW, "alerts:list", lambda w: [], ""),
    (SW, "placements:requests", lambda w: [], ""),
    (ADMIN, "placements:extensions", lambda w: [], ""),
    (ADMIN, "ssda903:data_quality", lambda w: [], ""),
    (SW, "placements:new", lambda w: [], ""),
    (ADMIN, "audit:search", lambda w: [], ""),
    (IV, "inspections:index", lambda w: [], ""),
]


@pytest.fixture
def world():
    world = build_world()
    carers_of(world)
    leavers_of(world)
    _notification_for_social_worker(world)
    match_request(world.my_child, world.other_home, by=world.users[SW])
    extension_request(world.my_placement)
    run = ValidationRun.objects.create(
        year=2027, as_of=today(), trigger="daily", succeeded=True, finished_at=timezone.now()
    )
    ReturnError.objects.create(
        run=run, rule="218", message="URN", table="Episodes", row=0, child=world.my_child
    )
    return world


def _open(page, live_server, world, role, url_name, args, query, *, sign_in_form=False):
    page.context.clear_cookies()
    if sign_in_form:  # as the person does: the sign-in form, and their app's code
        sign_in(page, live_server, world.users[role])
        expect(page.get_by_text("Signed in as")).to_be_visible()
    else:
        signed_in_as(page.context, live_server, world.users[role])
    query = query.format(today=today().isoformat(), last_name=world.my_child.last_name)
    response = page.goto(url(live_server, url_name, *args, query=query))
    assert response.status == 200, response.url


def test_each_list_downloads_the_rows_it_shows(live_server, page, axe, world):
    for role, url_name, query, column, *nth in LISTS:
        _open(page, live_server, world, role, url_name, [], query, sign_in_form=True)
        axe(page)
        cells = f"main table tbody tr > :nth-child({nth[0] if nth else 1})"
        for link in ("CSV", "Excel (XLSX)"):
            page.reload()  # the audit trail has a new entry: the download before
            first_cells = page.locator(cells).all_inner_texts()
            assert first_cells, f"{url_name} shows no rows"
            with page.expect_download() as download:
                page.get_by_role("link", name=link, exact=True).click()
            fmt = download.value.suggested_filename.rsplit(".", 1)[1]
            headings, *rows = read_rows(download.value.path().read_bytes(), fmt)
            values = [row[headings.index(column)] for row in rows]
            assert len(values) == len(first_cells), (url_name, fmt, values, first_cells)
            for value, cell in zip(values, first_cells, strict=True):
                assert value in cell, (url_name, fmt, value, cell)


def test_no_key_page_scrolls_sideways_at_320_pixels(live_server, page, axe, world):
    page.set_viewport_size({"width": 320, "height": 800})
    for role, url_name, args, query in KEY_PAGES:
        _open(page, live_server, world, role, url_name, args(world), query)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url_name} scrolls {overflow} px sideways at 320 px"
        tables = page.locator("main table")
        for n in range(tables.count()):
            box = tables.nth(n).locator("xpath=ancestor::div[@role='region'][1]")
            expect(box).to_have_attribute("tabindex", "0")
            label = box.get_attribute("aria-label") or box.get_attribute("aria-labelledby")
            assert re.search(r"\w", label or ""), f"{url_name}: a table's box has no label"
        axe(page, every=True)
