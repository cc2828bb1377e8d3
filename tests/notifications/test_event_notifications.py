"""Notifications of events in shared work (a match request), beside the checks' alerts: the
list names the child only to those who may see them and links to the request; the digest
carries the event's words, which name no child."""

import datetime

import pytest
from django.urls import reverse

from notifications import services as notifications
from notifications.models import Notification
from tests.factories import ChildFactory, HomeFactory, UserFactory
from timescales.models import Alert

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 4, 1)


def event_for(users, child, home):
    return notifications.tell(
        users,
        title="Match agreed",
        summary="The manager of Oak House agreed your match request from 08/04/2026.",
        url="/placements/requests/7/",
        child=child,
        home=home,
    )


def test_an_event_is_listed_with_its_link_and_the_child_named_to_their_worker(
    client, social_worker, home_manager
):
    child = ChildFactory(first_name="Amira", last_name="Khan", social_worker=social_worker)
    assert event_for([social_worker, home_manager, social_worker], child, HomeFactory()) == 2

    client.force_login(social_worker)
    mine = client.get(reverse("notifications:list")).content.decode()
    assert "Match agreed" in mine and "Amira Khan" in mine
    assert 'href="/placements/requests/7/"' in mine

    client.force_login(home_manager)  # Amira does not live in the manager's home
    theirs = client.get(reverse("notifications:list")).content.decode()
    assert "Amira" not in theirs and "A child whose record you cannot open" in theirs
    assert 'href="/placements/requests/7/"' in theirs  # the request page checks for itself


def test_nobody_inactive_is_told(social_worker):
    gone = UserFactory(username="left", is_active=False)
    assert event_for([gone, social_worker], ChildFactory(), None) == 1


def test_the_digest_carries_alerts_then_events_and_names_no_child(
    social_worker, mailoutbox, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 4, 1, 9))
    # The email greets the social worker by name: theirs must not share a word with the child's.
    social_worker.first_name, social_worker.last_name = "Robert", "Lee"
    social_worker.save()
    child = ChildFactory(first_name="Amira", last_name="Khan", social_worker=social_worker)
    alert = Alert.objects.create(
        rule="planned_end_passed",
        subject_type="placement",
        subject_id=1,
        due=DAY,
        summary="The placement was planned to end on 01/04/2026 and is still open.",
        child=child,
        opened_on=DAY,
    )
    event_for([social_worker], child, None)
    Notification.objects.create(user=social_worker, alert=alert, day=DAY)

    assert notifications.send_digests(DAY) == 1
    body = mailoutbox[0].body
    assert body.index("Planned end date passed") < body.index("Match agreed")
    assert "/placements/requests/7/" in body and "Amira" not in body and "Khan" not in body
