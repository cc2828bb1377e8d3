"""What each person is told: one notification per alert per day they are told about it."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    alert = models.ForeignKey(
        "timescales.Alert", on_delete=models.PROTECT, related_name="notifications"
    )
    day = models.DateField(help_text="The day of the check run that raised it")
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
        ]

    def __str__(self):
        return f"{self.alert.rule_title} for {self.user} on {self.day:%d/%m/%Y}"

    @property
    def is_read(self):
        return self.read_at is not None


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
