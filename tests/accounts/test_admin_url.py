"""The Django admin lives at /admin/ unless ADMIN_URL moves it or turns it off; wherever it is,
it needs the second factor."""

import importlib

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

import config.urls
from accounts.models import Role
from tests.factories import UserFactory
from tests.two_factor import VerifiedClient, app_device


@pytest.fixture
def admin_url(settings):
    def serve_admin_at(value):
        settings.ADMIN_URL = value
        clear_url_caches()
        importlib.reload(config.urls)

    yield serve_admin_at
    settings.ADMIN_URL = "admin/"
    clear_url_caches()
    importlib.reload(config.urls)


def test_the_admin_is_at_admin_by_default(client):
    assert client.get("/admin/login/").status_code == 200


@pytest.mark.django_db
def test_admin_url_moves_the_admin(client, admin_url):
    admin_url("staff-7f3c/")
    assert client.get("/staff-7f3c/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 404


@pytest.mark.django_db
def test_admin_url_off_removes_the_admin(client, admin_url):
    admin_url("")
    assert client.get("/admin/login/").status_code == 404


@pytest.mark.django_db
def test_a_moved_admin_still_needs_the_second_factor(admin_url):
    admin_url("staff-7f3c/")
    staff = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    app_device(staff)
    password_only = Client()
    password_only.force_login(staff)
    response = password_only.get("/staff-7f3c/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    verified = VerifiedClient()
    verified.force_login(staff)
    assert verified.get("/staff-7f3c/").status_code == 200
