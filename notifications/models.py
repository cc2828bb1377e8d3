"""What each person is told: one notification per alert per day they are told about it, and
one per event in a piece of work they share (a match request asked, agreed or declined)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    alert = models.ForeignKey(
        "timescales.Alert",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    # An event's own words, when it is not an alert. Emails carry them, so they name no child.
    # Empty by default in the database too: the checks insert alerts' notices in bulk SQL.
    title = models.CharField(max_length=120, blank=True, db_default="")
    summary = models.CharField(
        max_length=300, blank=True, db_default="", help_text="Plain words, naming no child"
    )
    url = models.CharField(
        max_length=300, blank=True, db_default="", help_text="Where to act on it"
    )
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    home = models.ForeignKey(
        "homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(help_text="The day of the check run or the event that raised it")
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="Sent in a daily digest")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["emailed_at", "user"]),
        ]
        constraints = [
            # Running a day's checks twice tells nobody twice.
            models.UniqueConstraint(fields=["alert", "user", "day"], name="one_notice_per_day"),
            models.CheckConstraint(
                condition=Q(alert__isnull=False) | ~Q(title=""),
                name="notification_is_an_alert_or_an_event",
            ),
        ]

    def __str__(self):
        return f"{self.heading} for {self.user} on {self.day:%d/%m/%Y}"

    @property
    def is_read(self):
        return self.read_at is not None

    # What the list and the digest show, for an alert or an event alike.

    @property
    def heading(self) -> str:
        return self.alert.rule_title if self.alert_id else self.title

    @property
    def text(self) -> str:
        return self.alert.summary if self.alert_id else self.summary

    @property
    def link(self) -> str | None:
        return self.alert.action_url if self.alert_id else self.url or None

    @property
    def about_child_id(self) -> int | None:
        return self.alert.child_id if self.alert_id else self.child_id

    @property
    def about_home(self):
        return self.alert.home if self.alert_id else self.home

    @property
    def due(self):
        return self.alert.due if self.alert_id else None

    @property
    def is_resolved(self) -> bool:
        return bool(self.alert_id) and not self.alert.is_open


class DigestSent(models.Model):
    """The one digest email a person got for a day, so a second run sends nothing new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    notifications = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_user_per_day")
        ]

    def __str__(self):
        return f"Digest for {self.user} on {self.day:%d/%m/%Y}"
