"""A signed-in session ends 30 minutes after the person's last request, but it is written at
most once a minute (accounts.middleware.SessionRenewalMiddleware), not on every page."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

MY_WORK = reverse("accounts:my_work")


def saved_expiry(client):
    return Session.objects.get(pk=client.session.session_key).expire_date


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_pages_within_a_minute_write_nothing_then_the_expiry_moves_on(
    client, social_worker, clock, django_assert_max_num_queries
):
    client.force_login(social_worker)  # signing in renews the session
    client.get(MY_WORK)
    renewed = saved_expiry(client)

    clock.shift(datetime.timedelta(seconds=59))
    with django_assert_max_num_queries(50) as queries:
        assert client.get(MY_WORK).status_code == 200
    writes = [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "django_session"')]
    assert writes == []
    assert saved_expiry(client) == renewed

    clock.shift(datetime.timedelta(seconds=2))
    client.get(MY_WORK)
    assert saved_expiry(client) == renewed + datetime.timedelta(seconds=61)


def test_a_person_who_keeps_working_stays_signed_in(client, social_worker, clock):
    client.force_login(social_worker)
    for _ in range(4):  # an hour and a half in all, a page every 25 minutes
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(MY_WORK).status_code == 200


def test_thirty_minutes_without_a_request_signs_the_person_out(client, social_worker, clock):
    client.force_login(social_worker)
    client.get(MY_WORK)

    clock.shift(datetime.timedelta(minutes=30, seconds=1))
    response = client.get(MY_WORK)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signed_out_visitors_get_no_session(client, db):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "stale-session-from-last-week"

    client.get(reverse("login"))

    assert not Session.objects.exists()
