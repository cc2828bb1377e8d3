import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_password_change(client, social_worker):
    client.force_login(social_worker)
    new = "a-New-passphrase-2026"

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    social_worker.refresh_from_db()
    assert social_worker.check_password(new)


def test_password_change_with_wrong_old_password_is_explained(client, social_worker):
    client.force_login(social_worker)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x-Y-z-12345!", "new_password2": "x-Y-z-12345!"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    social_worker.refresh_from_db()
    assert social_worker.check_password(PASSWORD)


def test_five_failed_sign_ins_lock_the_account(client, social_worker):
    login = reverse("login")
    for _ in range(4):
        response = client.post(login, {"username": social_worker.username, "password": "wrong"})
        assert response.status_code == 200

    locked = client.post(login, {"username": social_worker.username, "password": "wrong"})

    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    # Even the right password is refused while locked.
    again = client.post(login, {"username": social_worker.username, "password": PASSWORD})
    assert again.status_code == 429 and "_auth_user_id" not in client.session
