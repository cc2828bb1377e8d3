"""Telling people: in-app notifications, marking them read, and one digest email a day."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from core.bulk_insert import insert_new
from core.dates import today

from .models import DigestSent, Notification


def notify(pairs: list[tuple[int, int]], day: datetime.date) -> int:
    """Record that each (alert id, user id) pair is told on `day`; already told is skipped.
    Returns how many were told now. One statement however many (a first run tells thousands)."""
    ops = connection.ops
    day, now = ops.adapt_datefield_value(day), ops.adapt_datetimefield_value(timezone.now())
    rows = [(alert_id, user_id, day, now) for alert_id, user_id in pairs]
    return len(insert_new(Notification, ["alert_id", "user_id", "day", "created_at"], rows, ["id"]))


def tell(users, *, title: str, summary: str, url: str = "", child=None, home=None) -> int:
    """Tell each person (once, however often listed) about an event now, in words that name
    no child (emails carry them); `child` names them in the list to those allowed to see
    them. Returns how many were told."""
    people = {user.pk for user in users if user is not None and user.is_active}
    Notification.objects.bulk_create(
        Notification(
            user_id=pk, title=title, summary=summary, url=url, child=child, home=home, day=today()
        )
        for pk in sorted(people)
    )
    return len(people)


def mark_read(user, notification_id) -> int:
    """Mark one of the person's own notifications read (0 when it is not theirs)."""
    return Notification.objects.filter(user=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def send_digests(day: datetime.date) -> int:
    """Email each person one list of what they were told and not yet emailed; returns the count.

    Emails leave the council's systems, so they name no child: each line gives the rule, the due
    date and a link, and the page it opens names the child to those allowed to see the record.
    A person gets at most one digest a day, however often this runs.
    """
    cutoff = timezone.now()
    already = DigestSent.objects.filter(day=day).values("user_id")
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, created_at__lte=cutoff)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .exclude(user_id__in=already)
        .select_related("alert")
        .order_by("user_id", F("alert__due").asc(nulls_last=True), "id")  # then the events
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    if not by_user:
        return 0
    users = get_user_model().objects.in_bulk(list(by_user))
    messages = [_digest(users[user_id], items, day) for user_id, items in by_user.items()]
    sent = get_connection().send_messages(messages) or 0
    with transaction.atomic():
        DigestSent.objects.bulk_create(
            [
                DigestSent(user_id=user_id, day=day, notifications=len(items))
                for user_id, items in by_user.items()
            ],
            ignore_conflicts=True,
        )
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__lte=cutoff, user_id__in=list(by_user)
        ).update(emailed_at=timezone.now())
    return sent


def _digest(user, items, day) -> EmailMessage:
    base_url = settings.SITE_URL.rstrip("/")
    body = render_to_string(
        "notifications/digest_email.txt",
        {"user": user, "items": items, "day": day, "base_url": base_url},
    )
    count = len(items)
    subject = f"Homeward: {count} new alert{'s' if count != 1 else ''} for {day:%d/%m/%Y}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
