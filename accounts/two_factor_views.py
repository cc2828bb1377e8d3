"""The second step of signing in: enrolling an authenticator app, and entering a code."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from . import two_factor
from .forms import CodeForm

WRONG_CODE = "The code is wrong or has expired. Enter the code your app shows now"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def two_factor_setup(request):
    """First sign-in: add Homeward to an authenticator app, confirm with a code, and receive the
    recovery codes."""
    if two_factor.has_enrolled(request.user):
        return redirect(_next_url(request))
    device = two_factor.pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_app_device(request, device, form.cleaned_data["code"])
        if codes is not None:
            return render(
                request,
                "accounts/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=5, title="QR code to add Homeward to your authenticator app"
        ),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def two_factor_verify(request):
    """Every sign-in after the first: a code from the app or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = two_factor.verify_code(request, form.cleaned_data["code"])
        if device is not None:
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You used a recovery code: {left} left. Ask your administrator to reset "
                    "your two-factor sign-in if you have lost your phone.",
                )
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
