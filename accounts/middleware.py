import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import has_enrolled, needs_two_factor

# Pages a signed-in person reaches before the second factor: the two-factor pages themselves
# and signing out.
BEFORE_SECOND_FACTOR = {"accounts:two_factor_setup", "accounts:two_factor_verify", "logout"}


class TwoFactorMiddleware:
    """Sends a signed-in person who needs a second factor (accounts.two_factor) and has not
    given one in this session to enrol or to enter a code, then back to where they were going.
    Sits after django-otp's OTPMiddleware and Django's LoginRequiredMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not user.is_authenticated
            or user.is_verified()
            or request.resolver_match.view_name in BEFORE_SECOND_FACTOR
            or not needs_two_factor(user)
        ):
            return None
        step = "accounts:two_factor_verify" if has_enrolled(user) else "accounts:two_factor_setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


RENEWED = "_renewed_at"  # when the session's expiry was last moved on (seconds since the epoch)


class SessionRenewalMiddleware:
    """A signed-in session ends SESSION_COOKIE_AGE after the person's last request (30 minutes),
    as if it were saved on every request, but it is written at most once every
    SESSION_RENEW_SECONDS (a minute): saving it on every request was a database write on every
    page. So a session ends 29 to 30 minutes after the last request. Sits after Django's
    SessionMiddleware, which saves what this marks changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response  # signed out: no session to keep
        session, now = request.session, int(time.time())
        if session.modified or now - session.get(RENEWED, 0) >= settings.SESSION_RENEW_SECONDS:
            session[RENEWED] = now  # saved with a new expiry
        return response
