"""A session that times out while a form is open loses nothing."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from children.models import Child
from core.form_rescue import NOTICE, SESSION_KEY
from tests.children.test_child_edit import answers
from tests.factories import ChildFactory
from tests.two_factor import app_device, current_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def expire_session(client):
    """The server forgets the session, as when it times out; the browser keeps its cookies."""
    Session.objects.all().delete()


def test_timed_out_post_is_kept_and_refilled_after_signing_in(client, social_worker):
    child = ChildFactory(social_worker=social_worker, first_name="Before")
    url = reverse("children:edit", args=[child.pk])
    client.force_login(social_worker)
    client.get(url)
    expire_session(client)

    typed = answers(child, first_name="Typed while away", csrfmiddlewaretoken="tok")
    response = client.post(url, typed)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    assert Child.objects.get(pk=child.pk).first_name == "Before"  # nothing saved while signed out
    kept = client.session[SESSION_KEY]
    assert kept["path"] == url and "csrfmiddlewaretoken" not in kept["data"]

    signed_in = client.post(
        reverse("login"), {"username": social_worker.username, "password": PASSWORD, "next": url}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == url
    second_step = client.get(url)["Location"]
    assert second_step.startswith(reverse("accounts:two_factor_verify"))
    code = {"code": current_code(app_device(social_worker)), "next": url}
    assert client.post(second_step, code)["Location"] == url

    page = client.get(url).content.decode()
    assert NOTICE in page
    assert 'value="Typed while away"' in page
    # Once only: the next visit shows the saved record again.
    assert 'value="Typed while away"' not in client.get(url).content.decode()


def test_passwords_are_never_kept(client, social_worker):
    client.force_login(social_worker)
    expire_session(client)
    url = reverse("password_change")

    client.post(url, {"old_password": "secret", "new_password1": "n3w-Secret!", "note": "x"})

    assert client.session[SESSION_KEY]["data"] == {"note": ["x"]}


def test_public_forms_and_signed_in_posts_are_left_alone(client, social_worker):
    client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert SESSION_KEY not in client.session
    client.force_login(social_worker)
    child = ChildFactory(social_worker=social_worker)
    client.post(reverse("children:edit", args=[child.pk]), answers(child))
    assert SESSION_KEY not in client.session


def test_kept_answers_only_fill_the_page_they_came_from(client, social_worker):
    mine = ChildFactory(social_worker=social_worker, first_name="Mine")
    other = ChildFactory(social_worker=social_worker, first_name="Other")
    client.force_login(social_worker)
    expire_session(client)
    client.post(reverse("children:edit", args=[mine.pk]), answers(mine, first_name="Typed"))
    client.post(reverse("login"), {"username": social_worker.username, "password": PASSWORD})

    page = client.get(reverse("children:edit", args=[other.pk])).content.decode()

    assert "Typed" not in page and NOTICE not in page
