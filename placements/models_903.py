"""The ledger's records the DfE return (SSDA903) needs beside the stays: missing episodes,
previous permanence, and decisions to place for adoption. `placements.models` imports them,
so Django registers them and they are read from there like the ledger's other models; their
rules are in placements/missing.py and placements/permanence.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core import codes
from core.models import KeptQuerySet, KeptRecord


class MissingQuerySet(KeptQuerySet):
    def live(self):
        return self.filter(entered_in_error=False)

    def open(self):
        return self.live().filter(ended_at__isnull=True)


class MissingEpisode(KeptRecord):
    """A time a looked-after child was missing, or away from their placement without
    authorisation (903 Missing table: MISSING, MIS_START, MIS_END)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.PROTECT,
        related_name="missing_episodes",
        help_text="The stay the child went missing from",
    )
    kind = models.CharField(max_length=1, choices=codes.MissingType.choices)
    started_at = models.DateTimeField("Went missing")
    ended_at = models.DateTimeField("Came back", null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_in_error = models.BooleanField(
        default=False, help_text="Recorded by mistake; kept for history but not counted"
    )

    objects = MissingQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["child", "started_at"]),
            models.Index(fields=["ended_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=models.F("started_at")),
                name="missing_ends_after_start",
            ),
        ]

    def __str__(self):
        return (
            f"{self.child} {self.get_kind_display().lower()} from {self.started_at:%d/%m/%Y %H:%M}"
        )

    @property
    def is_open(self):
        return self.ended_at is None and not self.entered_in_error


class PreviousPermanence(KeptRecord):
    """Whether a child starting a period of care had left care before through adoption, a
    special guardianship or a child arrangements order (903 PrevPerm)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="previous_permanence"
    )
    care_started_on = models.DateField(help_text="The first day of the period of care")
    order = models.CharField(
        "Previous permanence", max_length=2, choices=codes.PreviousPermanence.choices
    )
    order_council = models.CharField(
        "Council that arranged it",
        max_length=3,
        blank=True,
        help_text="The DfE's three-character code, e.g. 383 for Leeds; WAL, SCO, NIR or NUK "
        "outside England",
    )
    order_date = models.DateField("Date of the order", null=True, blank=True)

    class Meta:
        ordering = ["child", "-care_started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "care_started_on"], name="one_previous_permanence_per_period"
            ),
        ]

    def __str__(self):
        return f"Previous permanence of {self.child} ({self.get_order_display()})"


class AdoptionDecision(KeptRecord):
    """A decision that the child should be placed for adoption, what became of it and, once
    adopted, about the adopters (903 PlacedAdoption and AD1)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="adoption_decisions"
    )
    decided_on = models.DateField("Date of the decision that the child should be placed")
    matched_on = models.DateField("Date matched with adopters", null=True, blank=True)
    ceased_on = models.DateField(
        "Date the decision ended", null=True, blank=True, help_text="Adopted, or the plan changed"
    )
    ceased_reason = models.CharField(
        "Why it ended", max_length=3, choices=codes.AdoptionDecisionEnded.choices, blank=True
    )
    by_foster_carer = models.BooleanField("Adopted by their foster carer", null=True, blank=True)
    adopters = models.PositiveSmallIntegerField(
        "Number of adopters", null=True, blank=True, choices=[(1, "One"), (2, "Two")]
    )
    adopters_sex = models.CharField(
        "Adopters' sex", max_length=2, choices=codes.AdoptersSex.choices, blank=True
    )
    adopters_legal_status = models.CharField(
        "Adopters' legal status", max_length=3, choices=codes.AdoptersLegalStatus.choices,
        blank=True,
    )  # fmt: skip

    class Meta:
        ordering = ["child", "-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True, ceased_reason="")
                | (Q(ceased_on__isnull=False) & ~Q(ceased_reason="")),
                name="adoption_decision_ends_with_a_reason",
            ),
        ]

    def __str__(self):
        return f"Decision to place {self.child} for adoption, {self.decided_on:%d/%m/%Y}"

    @property
    def adopted(self) -> bool:
        return self.ceased_reason in ("E11", "E12")
