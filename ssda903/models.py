"""Continuous validation: each run of the DfE rules on the return so far, and what it found.
Runs are kept (never deleted) so that the count of errors can be followed over time."""

from django.conf import settings
from django.db import models


class ValidationRun(models.Model):
    class Trigger(models.TextChoices):
        DAILY = "daily", "Daily check"
        BUTTON = "button", "Asked for by an administrator"
        COMMAND = "command", "Command line"

    year = models.PositiveIntegerField(
        help_text="Collection year, named by its end (2026: 2025-26)"
    )
    as_of = models.DateField(help_text="The return so far: events up to this day")
    trigger = models.CharField(max_length=8, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    error_count = models.PositiveIntegerField(default=0)
    children_with_errors = models.PositiveIntegerField(default=0)
    rules_run = models.PositiveIntegerField(default=0)
    crashed_rules = models.JSONField(
        default=list, blank=True, help_text="Rules the validator could not run (its own faults)"
    )
    failure = models.TextField(blank=True, help_text="Why the run did not finish")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["succeeded", "-started_at"])]

    def __str__(self):
        return f"903 check of {self.year - 1}-{self.year % 100:02d} on {self.as_of:%d/%m/%Y}"


class ReturnError(models.Model):
    """One failure of one DfE rule on one row of the return."""

    run = models.ForeignKey(ValidationRun, on_delete=models.PROTECT, related_name="errors")
    rule = models.CharField(max_length=20)
    message = models.TextField()
    table = models.CharField(max_length=20)
    row = models.PositiveIntegerField(help_text="Data row in the table's file, from 0")
    child_ref = models.CharField(
        "CHILD in the return", max_length=20, blank=True, help_text="The child's local identifier"
    )
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["run", "rule", "table", "row"]
        indexes = [
            models.Index(fields=["run", "rule"]),
            models.Index(fields=["run", "child"]),
        ]

    def __str__(self):
        return f"Rule {self.rule} on {self.table} row {self.row + 1}"


class ReturnDownload(models.Model):
    """An administrator's download of the return's files from the web (also in the audit trail)."""

    year = models.PositiveIntegerField()
    as_of = models.DateField()
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    downloaded_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=dict, help_text="File name -> rows written")

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"SSDA903 return {self.year - 1}-{self.year % 100:02d} as at {self.as_of:%d/%m/%Y}"
