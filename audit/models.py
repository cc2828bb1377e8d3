from django.conf import settings
from django.db import models


class AppendOnly(Exception):
    """Raised when code tries to change or delete a row of the audit trail."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit trail is never changed.")

    def delete(self):
        raise AppendOnly("The audit trail is never deleted.")

    def redact(self, **kwargs):
        """Blank what rows say about a person (object_label, changes), for the retention job
        only; on PostgreSQL only inside its transaction (audit/migrations/0003)."""
        if set(kwargs) - {"object_label", "changes"}:
            raise AppendOnly("Only what a row says about a person can be blanked.")
        return super().update(**kwargs)


class AuditEvent(models.Model):
    """Who saw or changed what, when and from where. Written once, never edited (on PostgreSQL
    a trigger refuses UPDATE and DELETE too)."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        EXPORT = "export", "Exported"
        DELETE = "delete", "Deleted"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_type} {self.object_id} by {self.user}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("The audit trail is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit trail is never deleted.")
