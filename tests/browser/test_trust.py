"""Two-factor enrolment and sign-in in a real browser, with axe on each of its pages; and the
Content-Security-Policy that every browser test runs under (tests/browser/conftest.py)."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import UserFactory

from .helpers import PASSWORD, sign_in, signed_in_as, url

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, live_server, user):
    page.goto(url(live_server, "login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_first_sign_in_enrols_an_app_then_every_sign_in_asks_for_a_code(live_server, page, axe):
    user = UserFactory(role=Role.HOME_MANAGER)
    password_step(page, live_server, user)

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    axe(page)
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is wrong")
    expect(page).to_have_title(re.compile(r"^Error: Set up two-factor sign-in"))
    axe(page)

    page.wait_for_timeout(1100)  # one wrong code: the app device waits a second before the next
    page.get_by_label("Code").fill(f"{TOTP(b32decode(key)).token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in is set up")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    recovery_code = page.locator("#recovery-codes li").first.inner_text()
    axe(page)
    page.get_by_role("link", name="Continue to Homeward").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    page.get_by_role("button", name="Sign out").click()
    password_step(page, live_server, user)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    axe(page)
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You used a recovery code: 9 left")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


def test_the_policy_is_sent_and_refuses_inline_script(live_server, page, csp_violations):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    signed_in_as(page.context, live_server, user)
    response = page.goto(url(live_server, "accounts:my_work"))
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    ran = page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.inlineScriptRan = true';
            document.body.append(script);
            return window.inlineScriptRan === true;
        }"""
    )
    assert not ran
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.wait_for_timeout(200)
    assert any("inline script" in refusal for refusal in csp_violations), csp_violations
    csp_violations.clear()


def test_a_board_member_signs_in_without_a_code(live_server, page):
    sign_in(page, live_server, UserFactory(role=Role.BOARD_MEMBER))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(re.compile("code|two-factor"))


def test_the_django_admin_works_under_the_policy(live_server, page):
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    signed_in_as(page.context, live_server, admin)
    page.goto(url(live_server, "admin:index"))
    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name=admin.username).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change user")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
