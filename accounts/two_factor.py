"""Two-factor sign-in: who needs it, enrolling an authenticator app, recovery codes, checking a
code, and the administrator's reset. TwoFactorMiddleware (accounts.middleware) enforces it.

Everyone who can see a child's record signs in with a password and then a code from an
authenticator app (TOTP, RFC 6238), or one of ten single-use recovery codes. Board members see
only aggregate, non-identifying figures, so they may sign in with a password alone; staff (the
Django admin) always need the second factor.
"""

from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import role_of
from .models import Role

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def needs_two_factor(user) -> bool:
    return user.is_staff or role_of(user) != Role.BOARD_MEMBER


def has_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_app_device(user) -> TOTPDevice:
    """The authenticator app being set up: the same secret until it is confirmed."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": APP_DEVICE_NAME}
    )
    return device


@transaction.atomic
def confirm_app_device(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code and sign the session in with it. Returns the new
    recovery codes, or None when the code is wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _mark_verified(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Ten fresh single-use codes; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(request, code: str):
    """Check an app code or a recovery code for the signed-in user; on success mark the session
    verified and return the device that accepted it (each device throttles repeated failures)."""
    device = match_token(request.user, code.replace(" ", "").lower())
    if device is not None:
        _mark_verified(request, device)
    return device


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset_two_factor(user) -> None:
    """Administrator's reset (a lost phone): remove every device, so the person enrols again at
    their next sign-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _mark_verified(request, device) -> None:
    request.session.cycle_key()
    otp_login(request, device)
