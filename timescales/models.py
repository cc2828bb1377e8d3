"""What the scheduled checks read (reviews, visits, placement plans) and write (alerts, job runs)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from core import codes
from core.models import KeptRecord


class LookedAfterReview(KeptRecord):
    """A statutory review of a looked-after child's case (Care Planning Regulations 2010, reg 33)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="looked_after_reviews"
    )
    held_on = models.DateField()
    chaired_by = models.CharField(
        max_length=120, blank=True, help_text="Independent reviewing officer"
    )
    participation = models.CharField(
        "How the child took part",
        max_length=3,
        choices=codes.ReviewParticipation.choices,
        blank=True,
        help_text="The DfE participation code (PN0-PN7); blank only for reviews recorded "
        "before it was asked",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["child", "-held_on"]
        indexes = [models.Index(fields=["child", "held_on"])]

    def __str__(self):
        return f"Review of {self.child} on {self.held_on:%d/%m/%Y}"


class SocialWorkerVisit(KeptRecord):
    """A social worker's statutory visit to a looked-after child (reg 28)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="social_worker_visits"
    )
    visited_on = models.DateField()
    seen_alone = models.BooleanField(default=True)
    note = models.TextField(blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["child", "-visited_on"]
        indexes = [models.Index(fields=["child", "visited_on"])]

    def __str__(self):
        return f"Visit to {self.child} on {self.visited_on:%d/%m/%Y}"


class PlacementPlan(KeptRecord):
    """The placement plan (reg 9). A placement made before its plan was completed is an emergency
    placement, and the plan is then due within five working days of the start."""

    placement = models.OneToOneField(
        "placements.Placement", on_delete=models.PROTECT, related_name="plan"
    )
    completed_on = models.DateField(null=True, blank=True)
    lasts_until_18 = models.BooleanField(
        default=False,
        help_text="The placement is intended to last until the child is 18 (visits every 3 months after the first year)",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"Placement plan for {self.placement}"


class LookedAfterOutcomes(KeptRecord):
    """Outcomes for a child looked after continuously for 12 months at 31 March (903 OC2):
    one record per child per year, each answer yes (1), no (0) or not asked (blank)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="looked_after_outcomes"
    )
    year_ending = models.DateField(help_text="The 31 March the year ends on")
    sdq_score = models.PositiveSmallIntegerField(
        "Strengths and Difficulties Questionnaire score", null=True, blank=True
    )
    sdq_reason = models.CharField(
        "Reason there is no SDQ score", max_length=4, choices=codes.SdqReason.choices, blank=True
    )
    convicted = models.BooleanField("Convicted or given a final warning", null=True, blank=True)
    health_check = models.BooleanField("Health checks up to date (under 5s)", null=True, blank=True)
    immunisations = models.BooleanField("Immunisations up to date", null=True, blank=True)
    teeth_check = models.BooleanField("Teeth checked by a dentist", null=True, blank=True)
    health_assessment = models.BooleanField("Annual health assessment", null=True, blank=True)
    substance_misuse = models.BooleanField("Substance misuse problem", null=True, blank=True)
    intervention_received = models.BooleanField(
        "Received an intervention for substance misuse", null=True, blank=True
    )
    intervention_offered = models.BooleanField(
        "Offered an intervention for substance misuse", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["child", "-year_ending"]
        verbose_name_plural = "looked-after outcomes"
        constraints = [
            models.UniqueConstraint(
                fields=["child", "year_ending"], name="one_outcomes_record_per_child_year"
            ),
            models.CheckConstraint(
                condition=Q(sdq_score__isnull=True) | Q(sdq_score__lte=40),
                name="outcomes_sdq_score_0_to_40",
            ),
            models.CheckConstraint(
                condition=Q(sdq_score__isnull=True) | Q(sdq_reason=""),
                name="outcomes_sdq_score_or_reason",
            ),
        ]

    def __str__(self):
        return f"Outcomes of {self.child} for the year to {self.year_ending:%d/%m/%Y}"


class Alert(models.Model):
    """One rule that fires for one subject (a placement, child, carer household or home).

    An alert stays open while its check keeps finding the condition and is resolved (never
    deleted) on the first day the condition has cleared. At most one alert per rule, subject and
    key is open at a time; the key tells apart conditions that follow one another for the same
    subject (the 7-day then the 2-day warning, the first then the second review).
    """

    rule = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=20)
    subject_id = models.PositiveBigIntegerField()
    key = models.CharField(max_length=60, blank=True)
    due = models.DateField()
    summary = models.CharField(max_length=300, help_text="Plain words, naming no child")
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    home = models.ForeignKey(
        "homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["rule", "resolved_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "subject_type", "subject_id", "key"],
                condition=Q(resolved_on__isnull=True),
                name="one_open_alert_per_condition",
            ),
        ]

    def __str__(self):
        return f"{self.rule} {self.subject_type} {self.subject_id}: {self.summary}"

    @property
    def is_open(self):
        return self.resolved_on is None

    @property
    def rule_title(self):
        from .registry import title_of

        return title_of(self.rule)

    @property
    def action_url(self) -> str | None:
        """Where to act: the page recording what the rule asks for, else the child's record,
        else the carer household's or the home's page."""
        if self.child_id:
            return _url_or_none(ACTION_PAGES.get(self.rule, "children:detail"), self.child_id)
        if self.subject_type == "carer":
            return _url_or_none("carers:detail", self.subject_id)
        if self.home_id:
            return _url_or_none("homes:detail", self.home_id)
        return None


# Rules whose alert is cleared by recording something on the child: the page that records it.
ACTION_PAGES = {
    "looked_after_review_due": "timescales:review_create",
    "social_worker_visit_due": "timescales:visit_create",
    "placement_plan_due": "timescales:plan_create",
}


def _url_or_none(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:  # that page is not built (yet); the alert still reads on its own
        return None


class JobRun(models.Model):
    """One day's run of every check. The daily task catches up every day since the last success."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"Checks for {self.day:%d/%m/%Y}: {'done' if self.succeeded else 'not finished'}"
