"""Board reports that have been asked for: kept, with who asked and for which period, so any
of them can be downloaded again."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import KeptRecord

from . import periods


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
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self) -> str:
        return f"corporate-parenting-board-report-{self.period.code}.pdf"
