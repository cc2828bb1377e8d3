"""Records made in the browser, as the people who make them: a social worker adds a child,
gives them a key worker and places them with a foster family, from signing in to the child's
record; an administrator opens every other new form, empty and with its errors. axe finds no
violation at all (of any impact) on these pages."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from core.dates import today
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    UnitFactory,
    UserFactory,
    home_type,
)

from .helpers import sign_in, signed_in_as, url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_violations(axe):
    """Stricter than `axe`: these pages are new, so not even a minor violation is let through."""

    def check(page):
        violations = axe(page)["violations"]
        assert not violations, [(v["id"], v["impact"], v["help"]) for v in violations]

    return check


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend, exact=True)  # not "Her child’s date of birth"
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_social_worker_adds_a_child_then_places_them(live_server, page, no_violations):
    social_worker = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    UserFactory(username="kim", role=Role.PERSONAL_ADVISER, first_name="Kim", last_name="Ode")
    CarerHouseholdFactory(name="The Osei household")

    sign_in(page, live_server, social_worker)
    page.get_by_role("link", name="Children").first.click()
    page.get_by_role("link", name="Add a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    no_violations(page)

    page.get_by_role("button", name="Add child").click()
    summary = page.locator(".govuk-error-summary")
    for message in (
        "Enter the local identifier",
        "Enter the first name",
        "Enter the date of birth",
    ):
        expect(summary).to_contain_text(message)
    no_violations(page)

    page.get_by_label("Local identifier").fill("LC004242")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    fill_date(page, "Date of birth", today().replace(year=today().year - 12, day=1))
    page.get_by_label("Sex").select_option("F")
    page.get_by_label("Home postcode").fill("ls6 1aa")
    page.get_by_label("Status").select_option("looked_after")
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Ada Lovelace was added.")
    no_violations(page)

    page.get_by_role("link", name="Change key worker").click()
    no_violations(page)
    page.get_by_label("Key worker").press_sequentially("Ode")  # htmx searches
    page.get_by_role("radio", name="Kim Ode").check()
    page.get_by_role("button", name="Save key worker").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("key worker was saved")

    child = ChildFactory._meta.model.objects.get(local_id="LC004242")
    page.goto(url(live_server, "placements:new", query=f"?child={child.pk}"))
    expect(page.get_by_role("radio", name=str(child))).to_be_checked()
    page.get_by_label("Carer household").press_sequentially("Osei")  # htmx searches
    page.get_by_role("radio", name="The Osei household").check()
    fill_date(page, "Start date", today())
    page.get_by_label("Legal status").select_option("C2")
    page.get_by_role("button", name="Record placement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Placement at The Osei household")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Placement recorded")

    page.goto(url(live_server, "children:detail", child.pk))
    expect(page.locator("main")).to_contain_text("The Osei household")
    expect(page.locator("main")).to_contain_text("Kim Ode")
    no_violations(page)


def test_administrators_record_forms_have_no_violations(live_server, page, no_violations):
    administrator = UserFactory(username="helen", role=Role.ADMINISTRATOR)
    UserFactory(username="priya", role=Role.HOME_MANAGER, first_name="Priya", last_name="Shah")
    home = HomeFactory(name="Step Up", home_type=home_type("interdependence"), beds=3)
    unit = UnitFactory(home=home, name="Trainer flat", kind="trainer_flat")
    household = CarerHouseholdFactory(name="Ash household")
    young_person = ChildFactory(date_of_birth=today().replace(year=today().year - 17, day=1))
    signed_in_as(page.context, live_server, administrator)

    forms = [
        ("homes:new", [], "Add home"),
        ("homes:edit", [home.pk], None),
        ("homes:people", [home.pk], None),
        ("homes:unit_add", [home.pk], "Add unit"),
        ("homes:unit_edit", [unit.pk], None),
        ("carers:new", [], "Add household"),
        ("carers:edit", [household.pk], None),
        ("carers:carer_add", [household.pk], "Add carer"),
        ("careleavers:new", [young_person.pk], "Start leaving-care support"),
    ]
    for name, args, submit in forms:
        response = page.goto(url(live_server, name, *args))
        assert response.status == 200, name
        no_violations(page)
        if submit:  # an empty form shows every error at once
            page.get_by_role("button", name=submit).click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            expect(page).to_have_title(re.compile(r"^Error: "))
            no_violations(page)

    page.goto(url(live_server, "homes:detail", home.pk))
    page.get_by_role("link", name="Change managers and visitors").click()
    page.get_by_role("checkbox", name="Priya Shah").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Managers and visitors")
    expect(page.locator("main")).to_contain_text("Priya Shah")
    no_violations(page)
