"""Two-factor sign-in: every role that sees a child enrols at the first sign-in and gives a code
at every sign-in after it; recovery codes work once; the administrator can reset a person's
devices; the Django admin needs it too; the password lockout still works in front of it."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.two_factor import new_recovery_codes
from demo.seed import ensure_users
from demo.seed_data import DEMO_PASSWORD
from tests.factories import UserFactory
from tests.two_factor import VerifiedClient, app_device, current_code

PASSWORD = "correct horse battery staple"
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
SEARCH = reverse("children:search")
NEXT = "next=%2Fchildren%2Fsearch%2F"
CHILD_ROLES = sorted(set(Role.values) - {Role.BOARD_MEMBER})
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel("2026-11-02 09:00 +0000", tick=False):
        yield


def password_only(user):
    """A session after the password and before any code, as the sign-in form leaves it."""
    client = Client()
    client.force_login(user)
    return client


def sign_in_with_password(client, username, next_url="/"):
    return client.post(
        f"{reverse('login')}?next={next_url}", {"username": username, "password": PASSWORD}
    )


@pytest.mark.parametrize("role", CHILD_ROLES)
def test_every_role_that_sees_a_child_must_enrol_before_any_page(role):
    client = password_only(UserFactory(role=role))
    response = client.get(SEARCH)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?{NEXT}"


def test_a_board_member_signs_in_with_a_password_alone():
    client = password_only(UserFactory(role=Role.BOARD_MEMBER))
    assert client.get(reverse("accounts:my_work")).status_code == 200


def test_enrolment_confirms_the_app_with_a_code_and_hands_out_ten_recovery_codes():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    client = password_only(user)
    page = client.get(f"{SETUP}?next={SEARCH}")
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(SETUP, {"code": "000000", "next": SEARCH})
    assert "The code is wrong or has expired" in wrong.content.decode()
    assert client.get(SEARCH).status_code == 302

    with time_machine.travel("2026-11-02 09:01 +0000", tick=False):  # past the throttle delay
        done = client.post(SETUP, {"code": current_code(device), "next": SEARCH})
        assert done.status_code == 200
        codes = done.context["codes"]
        assert len(set(codes)) == 10
        tokens = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
        assert set(tokens) == set(codes)
        assert TOTPDevice.objects.get(pk=device.pk).confirmed
        assert client.get(SEARCH).status_code == 200


def test_the_setup_key_stays_the_same_until_it_is_confirmed():
    client = password_only(UserFactory(role=Role.HOME_MANAGER))
    first = client.get(SETUP).context["secret_groups"]
    assert client.get(SETUP).context["secret_groups"] == first


def test_after_enrolment_every_sign_in_asks_for_a_code_and_returns_to_the_page():
    user = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    device = app_device(user)
    client = Client()
    signed_in = sign_in_with_password(client, "sam", SEARCH)
    assert signed_in["Location"] == SEARCH
    asked = client.get(SEARCH)
    assert asked["Location"] == f"{VERIFY}?{NEXT}"

    assert client.post(VERIFY, {"code": "123456", "next": SEARCH}).status_code == 200
    with time_machine.travel("2026-11-02 09:01 +0000", tick=False):  # past the throttle delay
        verified = client.post(VERIFY, {"code": current_code(device), "next": SEARCH})
        assert verified["Location"] == SEARCH
        assert client.get(SEARCH).status_code == 200


def test_a_code_cannot_be_used_twice():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    code = current_code(app_device(user))
    first = password_only(user)
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    second = password_only(user)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get("/")["Location"].startswith(VERIFY)


def test_repeated_wrong_codes_are_throttled_even_before_a_right_one():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    device = app_device(user)
    client = password_only(user)
    for _ in range(5):
        client.post(VERIFY, {"code": "000000"})
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 200
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    app_device(user)
    code = new_recovery_codes(user)[0]
    first = password_only(user)
    assert first.post(VERIFY, {"code": code.upper()})["Location"] == "/"
    assert "9 left" in first.get("/").content.decode()
    again = password_only(user)
    assert again.post(VERIFY, {"code": code}).status_code == 200


def test_next_never_leaves_the_site():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    client = password_only(user)
    response = client.post(
        VERIFY, {"code": current_code(app_device(user)), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_administrator_resets_a_persons_two_factor_sign_in_in_the_admin():
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    person = UserFactory(username="lost.phone", role=Role.SOCIAL_WORKER)
    app_device(person)
    client = VerifiedClient()
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor_sign_in", "_selected_action": [person.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert password_only(person).get("/")["Location"] == f"{SETUP}?next=%2F"


def test_the_admin_shows_no_ones_app_secret_or_recovery_codes():
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = VerifiedClient()
    client.force_login(admin)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


def test_the_django_admin_needs_the_second_factor():
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    app_device(admin)
    response = password_only(admin).get(reverse("admin:index"))
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert VerifiedClient().get(reverse("admin:index")).status_code == 302  # signed out


def test_a_staff_board_member_still_needs_the_second_factor():
    response = password_only(UserFactory(role=Role.BOARD_MEMBER, is_staff=True)).get("/")
    assert response["Location"] == f"{SETUP}?next=%2F"


def test_wrong_passwords_still_lock_the_sign_in(settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    client = Client()
    for _ in range(3):
        client.post(reverse("login"), {"username": "sam", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "sam", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()


def test_signing_out_needs_no_code():
    user = UserFactory(role=Role.SOCIAL_WORKER)
    app_device(user)
    client = password_only(user)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_demo_user_signs_in_with_the_demo_password_and_the_demo_code():
    ensure_users()
    client = Client()
    client.post(reverse("login"), {"username": "social.worker", "password": DEMO_PASSWORD})
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"
    out = StringIO()
    call_command("demo_code", stdout=out)
    assert client.post(VERIFY, {"code": out.getvalue().strip()})["Location"] == "/"
    assert client.get("/").status_code == 200
