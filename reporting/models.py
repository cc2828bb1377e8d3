"""Board reports that have been asked for: kept, with who asked and for which period, so any
of them can be downloaded again."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.models import KeptRecord

from . import periods

UNCLAIMED_AFTER_MINUTES = 1


class BoardReport(KeptRecord):
    class PeriodType(models.TextChoices):
        MONTH = periods.MONTH, "Month"
        QUARTER = periods.QUARTER, "Quarter"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    period_type = models.CharField(max_length=8, choices=PeriodType.choices)
    period_start = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done")
    file = models.FileField(upload_to="board-reports/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for the monthly pack made by the scheduler",
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="board_report_progress_pct"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="board_report_done_has_file"
            ),
        ]

    def __str__(self):
        return f"Board report for {self.period.label}"

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.period_type, self.period_start)

    @property
    def minutes_unclaimed(self) -> int | None:
        """Whole minutes a queued report has waited with no worker picking it up; None when a
        worker has, or for its first minute (a worker normally starts within seconds)."""
        if self.status != self.Status.QUEUED or self.created_at is None:
            return None
        minutes = int((timezone.now() - self.created_at).total_seconds() // 60)
        return minutes if minutes >= UNCLAIMED_AFTER_MINUTES else None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self) -> str:
        return f"corporate-parenting-board-report-{self.period.code}.pdf"


class FiguresSnapshot(models.Model):
    """The board's figures for one period, worked out once and kept, so that the dashboard reads
    them instead of working them out on every view (reporting.snapshots). Not a record of
    anything: it is replaced whenever it is made again, and it is made again after the records
    it counts change (`data_version`)."""

    code = models.CharField(max_length=16, unique=True, help_text="The period: 2026-10 or 2026-Q3")
    report = models.JSONField(help_text="The report as the dashboard and the PDF show it")
    data_version = models.BigIntegerField(help_text="DataVersion.number when it was made")
    made_at = models.DateTimeField()

    def __str__(self):
        return f"Board figures for {self.code}"


class DataVersion(models.Model):
    """One row whose number goes up after every committed change to the records the board's
    figures count (reporting.freshness). A snapshot made at an older number is out of date."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Data version {self.number}"
