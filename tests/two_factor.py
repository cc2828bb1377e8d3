"""Two-factor sign-in for tests: a confirmed authenticator app for a user, its current code, and
a test client whose force_login gives the whole sign-in (password and second factor)."""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import RENEWED
from accounts.two_factor import APP_DEVICE_NAME


def app_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app (made the first time)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": APP_DEVICE_NAME}
    )
    return device


def current_code(device: TOTPDevice) -> str:
    """What the person's app shows now; or, when that code was used already (a second sign-in
    within its 30 seconds), the next one, which the device accepts early (its tolerance)."""
    device.refresh_from_db()
    app = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    app.time = time.time()
    if app.t() <= device.last_t:
        app.time += device.step * (device.last_t + 1 - app.t())
    return f"{app.token():0{device.digits}d}"


class VerifiedClient(Client):
    """force_login signs in with both factors, as a person does after entering their code, and
    the session renewed then, as the response to a sign-in renews it (SessionRenewalMiddleware).
    Tests of the second step itself use a plain django.test.Client."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
        session[RENEWED] = int(time.time())
        session.save()
