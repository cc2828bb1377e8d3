"""Smoke test of the page template in a real browser: the login page, its assets and axe."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_renders_accessibly(live_server, page, axe):
    page.goto(f"{live_server.url}/accounts/login/")

    expect(page).to_have_title(re.compile(r"^Sign in – Homeward – "))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Homeward")
    expect(page.locator(".govuk-generic-header")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    # The compiled stylesheet is served and uses Arial, not GDS Transport.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial"), font
    axe(page)


def test_wrong_password_shows_the_error_summary(live_server, page, axe):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    # GOV.UK Frontend's JavaScript (static/js/app.js) moves focus to the error summary.
    expect(summary).to_be_focused()
    axe(page)
