"""A session that ends while a form is open loses nothing: after signing in again the person is
back at the form with what they typed, and saving it works."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from accounts.models import Role
from children.models import Child
from core.form_rescue import NOTICE
from tests.factories import ChildFactory, UserFactory

from .helpers import sign_in, url

pytestmark = pytest.mark.django_db(transaction=True)


def end_the_session(context):
    """What 30 idle minutes do: the browser drops the expired cookie, the server the session."""
    context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    Session.objects.all().delete()


def test_typed_changes_survive_signing_in_again(live_server, page):
    social_worker = UserFactory(role=Role.SOCIAL_WORKER)
    child = ChildFactory(social_worker=social_worker, first_name="Mia", home_postcode="LS1 1AA")
    edit_url = url(live_server, "children:edit", child.pk)
    sign_in(page, live_server, social_worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.goto(edit_url)
    page.get_by_label("First name").fill("Amelia")
    page.get_by_label("Home postcode").fill("LS6 2AA")

    end_the_session(page.context)
    page.get_by_role("button", name="Save changes").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=.*edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Homeward")
    assert Child.objects.get(pk=child.pk).first_name == "Mia"  # nothing saved while signed out

    sign_in(page, live_server, social_worker)

    expect(page).to_have_url(edit_url)
    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Amelia")
    expect(page.get_by_label("Home postcode")).to_have_value("LS6 2AA")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Amelia {child.last_name}")
    saved = Child.objects.get(pk=child.pk)
    assert (saved.first_name, saved.home_postcode, saved.version) == ("Amelia", "LS6 2AA", 2)
