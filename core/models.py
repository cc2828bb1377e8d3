"""Building blocks shared by every domain model.

Children's records are kept for decades, so nothing is ever hard-deleted: a record is ended,
closed or marked as entered in error instead, and history stays readable.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class PersonNameField(models.CharField):
    """A person's first or last name, sorted as a reader expects wherever it is ordered by:
    "de Souza" among the Ds, "O'Brien" and "Ōkafor" among the Os. PostgreSQL compares these
    columns with ICU's British English collation; SQLite, the embedded default, ignores case."""

    COLLATIONS = {"postgresql": "en-GB-x-icu", "sqlite": "NOCASE"}

    def db_parameters(self, connection):
        return {
            **super().db_parameters(connection),
            "collation": self.COLLATIONS.get(connection.vendor),
        }


class HardDeleteForbidden(Exception):
    """Raised when code tries to delete a record that must be kept."""


class KeptQuerySet(models.QuerySet):
    def delete(self):
        raise HardDeleteForbidden(
            f"{self.model._meta.verbose_name_plural} are never deleted; end or correct them."
        )


class KeptRecord(models.Model):
    """A record that cannot be deleted and carries a version number for edit-conflict checks."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = KeptQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Every saved change bumps the version; edit forms carry the version they started
        # from, so a second, stale save can be refused instead of silently overwriting.
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version += 1
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HardDeleteForbidden(
            f"{self._meta.verbose_name} records are never deleted; end or correct them."
        )


class PeriodQuerySet(KeptQuerySet):
    """Records that run from `start_date` up to, not including, `end_date` (None: no end yet).

    Subclasses say which records still count (not entered in error, not cancelled) in `live()`.
    """

    def live(self):
        return self

    def active_on(self, day):
        return (
            self.live()
            .filter(start_date__lte=day)
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=day))
        )

    def overlapping(self, start, end):
        """Records sharing at least one day with [start, end) (end None: open-ended)."""
        qs = self.live().filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=start))
        return qs if end is None else qs.filter(start_date__lt=end)


class Allocation(KeptRecord):
    """Who held a role for someone (a child's key worker, a care leaver's personal adviser),
    from when to when: the continuity a young person had. Written by core.allocations."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(null=True, blank=True, help_text="Blank: before Homeward")
    ended_on = models.DateField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The name of the concrete model's foreign key to the person or record supported.
    OWNER = ""

    class Meta:
        abstract = True
        ordering = [F("started_on").desc(nulls_last=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]
