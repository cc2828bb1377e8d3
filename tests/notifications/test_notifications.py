"""The notification list, marking read, the bell and the digest, through the views and services."""

import datetime

import pytest
from django.urls import reverse

from notifications import services as notifications
from notifications.models import DigestSent, Notification
from tests.factories import ChildFactory, HomeFactory, UserFactory
from timescales.models import Alert

DAY = datetime.date(2026, 4, 1)


def alert_about(child, n=0):
    return Alert.objects.create(
        rule="planned_end_passed",
        subject_type="placement",
        subject_id=1000 + n,
        key=str(n),
        due=DAY,
        summary="The placement was planned to end on 01/04/2026 and is still open.",
        child=child,
        home=HomeFactory(name=f"Rowan House {n}"),
        opened_on=DAY,
    )


def tell(user, alert):
    return Notification.objects.create(user=user, alert=alert, day=DAY)


@pytest.mark.django_db
def test_the_list_names_a_child_only_to_people_allowed_to_see_them(client, social_worker):
    # Names the factories' random staff names (Faker's en_GB lists) never take: a social worker
    # called Bethany once made the page name "Bethany".
    mine = ChildFactory(first_name="Amira", last_name="Haddad", social_worker=social_worker)
    not_mine = ChildFactory(first_name="Ottoline", last_name="Quayle")
    tell(social_worker, alert_about(mine, 1))
    tell(social_worker, alert_about(not_mine, 2))
    client.force_login(social_worker)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Amira Haddad" in page
    assert "Ottoline" not in page and "Quayle" not in page
    assert "A child whose record you cannot open" in page
    assert "Planned end date passed" in page and "1 Apr 2026" in page


@pytest.mark.django_db
def test_mark_one_read_then_all_and_the_bell_counts_unread(client, social_worker):
    child = ChildFactory(social_worker=social_worker)
    first, second, third = (tell(social_worker, alert_about(child, n)) for n in range(3))
    client.force_login(social_worker)
    assert (
        'moj-notification-badge">3<' in client.get(reverse("notifications:list")).content.decode()
    )

    response = client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert (
        'moj-notification-badge">2<' in client.get(reverse("notifications:list")).content.decode()
    )

    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=social_worker, read_at=None).exists()
    assert (
        "moj-notification-badge" not in client.get(reverse("notifications:list")).content.decode()
    )


@pytest.mark.django_db
def test_marking_someone_elses_notification_is_a_404_and_changes_nothing(client, social_worker):
    theirs = tell(UserFactory(username="other-sw"), alert_about(ChildFactory(), 1))
    client.force_login(social_worker)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_the_same_queries_however_many_notifications(
    client, social_worker, django_assert_max_num_queries, size
):
    for n in range(size):
        child = ChildFactory(social_worker=social_worker if n % 2 else None)
        tell(social_worker, alert_about(child, n))
    client.force_login(social_worker)
    with django_assert_max_num_queries(10):  # one loads the session's second-factor device
        assert client.get(reverse("notifications:list")).status_code == 200


@pytest.mark.django_db
def test_one_digest_per_person_per_day_naming_no_child(social_worker, mailoutbox, settings):
    settings.SITE_URL = "https://homeward.council.example/"
    child = ChildFactory(first_name="Amira", last_name="Haddad", social_worker=social_worker)
    for n in range(3):
        tell(social_worker, alert_about(child, n))

    assert notifications.send_digests(DAY) == 1
    assert notifications.send_digests(DAY) == 0
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [social_worker.email]
    assert "3 new alerts" in email.subject
    assert email.body.count("Planned end date passed") == 3
    assert "Amira" not in email.body and "Haddad" not in email.body
    link = f"https://homeward.council.example{reverse('children:detail', args=[child.pk])}"
    assert email.body.count(link) == 3
    assert DigestSent.objects.get(user=social_worker, day=DAY).notifications == 3
    assert not Notification.objects.filter(emailed_at=None).exists()
