"""The placement ledger: where each child lived, from when to when, and why.

A stay occupies its place from `start_date` up to, not including, `end_date` (the day the
child left), so a move on a given day ends one stay and starts the next without overlap.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from core import codes
from core.models import KeptRecord, PeriodQuerySet


class Outcome(models.TextChoices):
    """Where a child went next when a stay ended ("an intervention, not a destination")."""

    RETURNED_HOME = "returned_home", "Returned home to family"
    KINSHIP = "kinship", "Kinship care (family and friends)"
    FOSTER_CARE = "foster_care", "Foster care"
    ANOTHER_HOME = "another_home", "Another children's home"
    INDEPENDENCE = "independence", "Independent or supported living"
    PERMANENCE = "permanence", "Adoption or special guardianship"
    CUSTODY = "custody", "Custody"
    OTHER = "other", "Other"


class PlacementQuerySet(PeriodQuerySet):
    def live(self):
        return self.filter(entered_in_error=False)

    def open(self):
        return self.live().filter(end_date__isnull=True)


class Placement(KeptRecord):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="placements")
    home = models.ForeignKey(
        "homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    unit = models.ForeignKey(
        "homes.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
        help_text="The bed, trainer flat or linked house, where the home has them",
    )
    carer = models.ForeignKey(
        "carers.CarerHousehold",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    purpose = models.TextField(blank=True, help_text="What this stay is for, and how it will end")
    start_date = models.DateField()
    planned_end_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="The day the child left")
    is_short_break = models.BooleanField(default=False)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    distance_miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    outside_council_area = models.BooleanField(default=False)

    # SSDA903 episode codes
    legal_status = models.CharField(max_length=2, choices=codes.LegalStatus.choices)
    placement_type = models.CharField(max_length=3, choices=codes.PlacementType.choices)
    provider = models.CharField(max_length=3, choices=codes.PlacementProvider.choices)
    reason_new_episode = models.CharField(max_length=1, choices=codes.ReasonNewEpisode.choices)
    reason_episode_ceased = models.CharField(
        max_length=3, choices=codes.ReasonEpisodeCeased.choices, blank=True
    )
    reason_placement_change = models.CharField(
        max_length=6, choices=codes.ReasonPlacementChange.choices, blank=True
    )
    placement_postcode = models.CharField(max_length=8, blank=True)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)

    entered_in_error = models.BooleanField(
        default=False, help_text="Recorded by mistake; kept for history but not counted"
    )
    correction_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matching = models.ForeignKey(
        "MatchingAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
        help_text="The signed-off matching assessment this admission to a home followed",
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["home", "start_date"]),
            models.Index(fields=["carer", "start_date"]),
            models.Index(fields=["end_date"]),
            models.Index(fields=["planned_end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(home__isnull=False) & Q(carer__isnull=True))
                | (Q(home__isnull=True) & Q(carer__isnull=False)),
                name="placement_in_a_home_or_with_a_carer",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(home__isnull=False),
                name="placement_unit_needs_home",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(planned_end_date__gt=models.F("start_date")),
                name="placement_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekly_cost__gte=0), name="placement_cost_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.child} at {self.location} from {self.start_date:%d/%m/%Y}"

    @property
    def location(self):
        return self.home or self.carer

    @property
    def is_open(self):
        return self.end_date is None and not self.entered_in_error

    @property
    def over_20_miles(self):
        return self.distance_miles is not None and self.distance_miles > 20

    def days_in_placement(self, on: datetime.date) -> int:
        last = min(on, self.end_date) if self.end_date else on
        return (last - self.start_date).days


class StayExtension(KeptRecord):
    """A request to keep a child beyond the home type's stay limit, and its decision."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for a decision"
        AUTHORISED = "authorised", "Authorised"
        REFUSED = "refused", "Refused"

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="extensions")
    extend_to = models.DateField(help_text="The new latest end date")
    reason = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="requested")
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="extension_decision_has_decider",
            ),
        ]

    def __str__(self):
        return f"Extension to {self.extend_to:%d/%m/%Y} for {self.placement.child} ({self.get_status_display()})"


class MatchingAssessment(KeptRecord):
    """A home manager's impact-risk assessment of admitting a child, against the children
    already living in the home, signed off before the admission."""

    class Decision(models.TextChoices):
        PROCEED = "proceed", "Admit"
        PROCEED_WITH_CONDITIONS = "conditions", "Admit with conditions (say which in the summary)"
        DO_NOT_PROCEED = "refuse", "Do not admit"

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="matching_assessments"
    )
    home = models.ForeignKey(
        "homes.Home", on_delete=models.PROTECT, related_name="matching_assessments"
    )
    proposed_start = models.DateField()
    decision = models.CharField(max_length=12, choices=Decision.choices)
    summary = models.TextField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField()

    class Meta:
        ordering = ["-signed_off_at"]
        indexes = [models.Index(fields=["child", "home"])]

    def __str__(self):
        return f"Matching of {self.child} for {self.home} ({self.get_decision_display()})"

    @property
    def allows_admission(self) -> bool:
        return self.decision != self.Decision.DO_NOT_PROCEED


class MatchingRisk(KeptRecord):
    """The assessed impact between the incoming child and one child already in the home."""

    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    assessment = models.ForeignKey(
        MatchingAssessment, on_delete=models.PROTECT, related_name="risks"
    )
    resident = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=8, choices=Level.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "resident"], name="matching_risk_once_per_resident"
            )
        ]

    def __str__(self):
        return f"{self.get_level_display()} risk with {self.resident}"
