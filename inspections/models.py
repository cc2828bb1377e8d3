"""Regulation 44 independent visits and their reports, the actions that follow, the home's
serious-event (Regulation 40) log and incident log, and Regulation 45 quality of care reviews.

A Reg 44 report is a series of versions. Version 1 is the visitor's draft; once submitted it is
locked. A correction is a new draft version that copies the old one and links back to it; when
the correction is submitted the old version is marked superseded and kept unchanged.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import KeptQuerySet, KeptRecord


class QualityStandard(models.TextChoices):
    """The nine Quality Standards, regulations 6 to 14 of the Children's Homes Regulations 2015."""

    QUALITY_AND_PURPOSE = "quality_purpose", "Quality and purpose of care (reg 6)"
    WISHES_AND_FEELINGS = "wishes_feelings", "Children's views, wishes and feelings (reg 7)"
    EDUCATION = "education", "Education (reg 8)"
    ENJOYMENT = "enjoyment", "Enjoyment and achievement (reg 9)"
    HEALTH = "health", "Health and well-being (reg 10)"
    RELATIONSHIPS = "relationships", "Positive relationships (reg 11)"
    PROTECTION = "protection", "Protection of children (reg 12)"
    LEADERSHIP = "leadership", "Leadership and management (reg 13)"
    CARE_PLANNING = "care_planning", "Care planning (reg 14)"


class RecordKind(models.TextChoices):
    """The home's records a visitor may examine (guidance, not law: Vol. 5 paras 3.12-3.13)."""

    INCIDENTS = "incidents", "Incident records"
    RESTRAINT = "restraint", "Restraint and measures of control"
    MISSING = "missing", "Missing episodes"
    COMPLAINTS = "complaints", "Complaints"
    REG40 = "reg40", "Regulation 40 notifications"
    STAFF_FILES = "staff_files", "Staff files"
    ROTAS = "rotas", "Duty rotas"
    DAILY_LOGS = "daily_logs", "Daily logs"
    PREMISES = "premises", "The premises"
    FIRE_SAFETY = "fire_safety", "Fire drills and alarm tests"
    MEDICATION = "medication", "Medication records"
    CASE_RECORDS = "case_records", "Children's case records (with consent)"


class Opinion(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class VisitQuerySet(KeptQuerySet):
    def current(self):
        """One row per visit: the latest version that is not superseded by a submitted one."""
        return self.exclude(status=Reg44Visit.Status.SUPERSEDED)

    def submitted(self):
        return self.filter(status__in=Reg44Visit.LOCKED_STATUSES).exclude(
            status=Reg44Visit.Status.SUPERSEDED
        )


class Reg44Visit(KeptRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"
        SUPERSEDED = "superseded", "Superseded by a correction"

    LOCKED_STATUSES = (Status.SUBMITTED, Status.SIGNED_OFF, Status.SUPERSEDED)

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="reg44_visits")
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reg44_visits"
    )
    visit_date = models.DateField()
    announced = models.BooleanField(default=False)
    records_examined = models.JSONField(
        default=list, blank=True, help_text="RecordKind codes of the records looked at"
    )
    records_notes = models.TextField(blank=True)
    children_safeguarded = models.CharField(max_length=3, choices=Opinion.choices, blank=True)
    safeguarding_opinion = models.TextField(blank=True)
    promotes_wellbeing = models.CharField(max_length=3, choices=Opinion.choices, blank=True)
    wellbeing_opinion = models.TextField(blank=True)
    conflict_of_interest = models.TextField(
        blank=True, help_text="Regulation 44(6): a conflict of interest found after the visit"
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version_number = models.PositiveSmallIntegerField(default=1)
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The first version of this report (empty on the first version itself)",
    )
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
        help_text="The version this one corrects",
    )
    correction_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    report_pdf = models.FileField(upload_to="reg44/%Y/%m/", blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.TextField(blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [models.Index(fields=["home", "visit_date"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="reg44_locked_has_submitted_at",
            ),
            models.CheckConstraint(
                condition=Q(version_number=1) | Q(corrects__isnull=False),
                name="reg44_correction_links_back",
            ),
        ]

    def __str__(self):
        return f"Regulation 44 visit to {self.home} on {self.visit_date:%d/%m/%Y}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_current(self):
        return self.status in (self.Status.SUBMITTED, self.Status.SIGNED_OFF)

    @property
    def records_examined_labels(self):
        return [RecordKind(code).label for code in self.records_examined if code in RecordKind]


class PersonSpokenTo(KeptRecord):
    class Kind(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent or relative"
        STAFF = "staff", "Member of staff"
        SOCIAL_WORKER = "social_worker", "Placing social worker"
        OTHER = "other", "Other professional"

    visit = models.ForeignKey(Reg44Visit, on_delete=models.PROTECT, related_name="people")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(
        max_length=60, help_text="A child by first name or initials only; others by role or name"
    )
    consent = models.BooleanField(default=False, help_text="Agreed to speak and to be reported")
    in_private = models.BooleanField(default=False)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="child") | Q(consent=True), name="reg44_child_spoken_with_consent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class Finding(KeptRecord):
    visit = models.ForeignKey(Reg44Visit, on_delete=models.PROTECT, related_name="findings")
    standard = models.CharField(max_length=20, choices=QualityStandard.choices)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "standard"], name="reg44_one_finding_per_std")
        ]

    def __str__(self):
        return self.get_standard_display()


class RecommendationQuerySet(KeptQuerySet):
    def of_current_reports(self):
        return self.filter(visit__status__in=Reg44Visit.LOCKED_STATUSES).exclude(
            visit__status=Reg44Visit.Status.SUPERSEDED
        )

    def open(self):
        return self.of_current_reports().filter(done_at__isnull=True)

    def overdue(self, on):
        return self.open().filter(due_date__lt=on)


class Recommendation(KeptRecord):
    """A recommended action: the visitor writes it, the home's manager responds and closes it."""

    visit = models.ForeignKey(Reg44Visit, on_delete=models.PROTECT, related_name="recommendations")
    text = models.TextField()
    standard = models.CharField(max_length=20, choices=QualityStandard.choices, blank=True)
    owner = models.CharField(
        max_length=120, help_text="Who should act, e.g. the registered manager"
    )
    due_date = models.DateField()
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    manager_response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["due_date", "done_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | ~Q(evidence=""), name="reg44_done_has_evidence"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_done(self):
        return self.done_at is not None


class HomeLogEntry(KeptRecord):
    """Something that happened at a home, logged by its manager: when, a short note, and the
    child by initials only (these logs are read by visitors and summarised for the board)."""

    occurred_on = models.DateField()
    child_initials = models.CharField(max_length=6, blank=True)
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["home", "occurred_on"])]


class Reg40Notification(HomeLogEntry):
    """A serious event the home notified under regulation 40, and who was told when."""

    class Event(models.TextChoices):
        DEATH = "death", "Death of a child"
        POLICE = "police", "Serious incident needing police involvement"
        ALLEGATION = "allegation", "Allegation of abuse against the home or staff"
        CSE = "cse", "Child sexual exploitation (actual or suspected)"
        CP_ENQUIRY = "cp_enquiry", "Child protection enquiry started or ended"
        DBS_REFERRAL = "dbs_referral", "Staff member referred to the DBS"

    home = models.ForeignKey(
        "homes.Home", on_delete=models.PROTECT, related_name="reg40_notifications"
    )
    event = models.CharField(max_length=16, choices=Event.choices)
    ofsted_notified_on = models.DateField("Ofsted told on", null=True, blank=True)
    placing_authority_notified_on = models.DateField(
        "Placing authority told on", null=True, blank=True
    )
    others_notified = models.TextField(
        blank=True, help_text="Anyone else told (police, parents, local authority) and when"
    )

    class Meta(HomeLogEntry.Meta):
        pass

    def __str__(self):
        return f"{self.get_event_display()} at {self.home} on {self.occurred_on:%d/%m/%Y}"


class Incident(HomeLogEntry):
    """A minimal log of a home's incidents, for the visitor and the Reg 45 review.

    Homeward keeps no daily recording; this holds only what the monitoring needs.
    """

    class Kind(models.TextChoices):
        RESTRAINT = "restraint", "Restraint or measure of control"
        MISSING = "missing", "Missing episode"
        COMPLAINT = "complaint", "Complaint"
        SELF_HARM = "self_harm", "Self-harm"
        DAMAGE = "damage", "Damage to property"
        OTHER = "other", "Other incident"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    class Meta(HomeLogEntry.Meta):
        pass

    def __str__(self):
        return f"{self.get_kind_display()} at {self.home} on {self.occurred_on:%d/%m/%Y}"


class Reg45Review(KeptRecord):
    """The six-monthly quality of care review (regulation 45) of one home."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="reg45_reviews")
    period_start = models.DateField()
    period_end = models.DateField(help_text="Last day the review covers")
    children_views = models.TextField(blank=True, help_text="What children and others said")
    manager_assessment = models.TextField(blank=True)
    improvement_plan = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    report_pdf = models.FileField(upload_to="reg45/%Y/%m/", blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="reg45_period_valid"
            ),
        ]

    def __str__(self):
        return (
            f"Regulation 45 review of {self.home}, "
            f"{self.period_start:%d/%m/%Y} to {self.period_end:%d/%m/%Y}"
        )
