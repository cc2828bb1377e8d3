"""Shared steps for the browser tests: signing in, through the form or with a ready session."""

from django.conf import settings
from django.urls import reverse

from accounts.two_factor import needs_two_factor
from tests.two_factor import VerifiedClient, app_device, current_code

PASSWORD = "correct horse battery staple"  # every tests.factories.UserFactory user's password


def url(live_server, name, *args, query=""):
    return f"{live_server.url}{reverse(name, args=args)}{query}"


def sign_in(page, live_server, user):
    """Sign in through the sign-in form, as a person does (opening it unless it is showing), then
    enter the code from their authenticator app when their role needs one."""
    device = app_device(user) if needs_two_factor(user) else None
    if not page.url.startswith(url(live_server, "login")):
        page.goto(url(live_server, "login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()


def signed_in_as(context, live_server, user):
    """Give the browser context a session for `user` without going through the sign-in form:
    quicker for tests about what comes after signing in."""
    client = VerifiedClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context
