from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core import postcodes
from core.models import KeptRecord, PersonNameField


class CarerType(models.TextChoices):
    FOSTER = "foster", "Foster carer (council)"
    KINSHIP = "kinship", "Kinship carer (family and friends)"
    SUPPORTED_LODGINGS = "supported_lodgings", "Supported lodgings host"
    AGENCY = "agency", "Independent fostering agency carer"


class ApprovalStatus(models.TextChoices):
    IN_ASSESSMENT = "in_assessment", "Being assessed"
    TEMPORARY = "temporary", "Temporarily approved (connected person)"
    APPROVED = "approved", "Approved"
    ON_HOLD = "on_hold", "On hold"
    DEREGISTERED = "deregistered", "No longer approved"


class MockingbirdHub(KeptRecord):
    """A Mockingbird constellation: a hub carer household supporting six to ten satellite families."""

    name = models.CharField(max_length=120, unique=True)
    started_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CarerHousehold(KeptRecord):
    reference = models.CharField(
        max_length=20,
        unique=True,
        error_messages={"unique": "Another household has this reference. Check it."},
    )
    name = models.CharField(max_length=120, help_text="e.g. the Smith household")
    carer_type = models.CharField(max_length=24, choices=CarerType.choices)
    agency_name = models.CharField(max_length=120, blank=True, help_text="For agency carers")
    postcode = models.CharField(max_length=8)
    urn = models.CharField(
        "Fostering service's Ofsted URN",
        max_length=8,
        blank=True,
        help_text="The council's fostering service, or the agency's for agency carers "
        "(the DfE return needs it for every foster placement)",
    )
    approval_status = models.CharField(
        max_length=16, choices=ApprovalStatus.choices, default=ApprovalStatus.IN_ASSESSMENT
    )
    approved_on = models.DateField(null=True, blank=True)
    approval_ends_on = models.DateField(
        null=True, blank=True, help_text="For temporary approval of a connected person"
    )
    last_review_on = models.DateField(null=True, blank=True, help_text="Last annual review")
    level = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="Skill level 1 to 4, which sets the fee",
    )
    approved_places = models.PositiveSmallIntegerField(default=1)
    exempt_from_usual_limit = models.BooleanField(
        "Exempt from the usual fostering limit",
        default=False,
        help_text="The council has exempted the household from the limit of three children "
        "(Children Act 1989, Schedule 7), or the children are brothers and sisters",
    )
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(default=17)
    mockingbird_hub = models.ForeignKey(
        MockingbirdHub, null=True, blank=True, on_delete=models.PROTECT, related_name="households"
    )
    is_hub_carer = models.BooleanField(default=False)
    weekly_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Agency fee per child per week (agency carers only)",
    )
    supervising_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_households",
    )

    class Meta:
        ordering = ["name"]
        # The carers list's first page, by name: without it PostgreSQL sorted every household
        # (32 ms of 40,000 at regional size) to keep 25.
        indexes = [models.Index(fields=["name", "id"], name="carer_households_by_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="carer_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="carer_age_range_valid"
            ),
            models.CheckConstraint(
                condition=~Q(approval_status__in=["approved", "temporary"])
                | Q(approved_on__isnull=False),
                name="carer_approved_has_date",
            ),
        ]

    def __str__(self):
        return self.name

    def is_approved_on(self, day) -> bool:
        return (
            self.approval_status in (ApprovalStatus.APPROVED, ApprovalStatus.TEMPORARY)
            and self.approved_on is not None
            and self.approved_on <= day
            and (self.approval_ends_on is None or day < self.approval_ends_on)
        )

    def clean(self):
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = "The oldest age must not be below the youngest age."
        if (
            self.approval_status in (ApprovalStatus.APPROVED, ApprovalStatus.TEMPORARY)
            and not self.approved_on
        ):
            errors["approved_on"] = "Give the date the household was approved."
        if self.postcode:
            self.postcode = postcodes.normalise(self.postcode)
            if not postcodes.exists(self.postcode):
                errors["postcode"] = postcodes.unknown(self.postcode)
        if self.carer_type == CarerType.AGENCY and not self.agency_name:
            errors["agency_name"] = "Enter the name of the fostering agency."
        if self.carer_type != CarerType.AGENCY and self.weekly_cost:
            errors["weekly_cost"] = "Only agency carers have a weekly fee; enter 0."
        if self.is_hub_carer and not self.mockingbird_hub_id:
            errors["mockingbird_hub"] = "Choose the Mockingbird constellation the hub carer leads."
        if errors:
            raise ValidationError(errors)


class Carer(KeptRecord):
    """A person in a carer household who cares for the children placed there."""

    household = models.ForeignKey(CarerHousehold, on_delete=models.PROTECT, related_name="carers")
    first_name = PersonNameField(max_length=60)
    last_name = PersonNameField(max_length=60)
    date_of_birth = models.DateField()
    is_main_carer = models.BooleanField(
        "Main carer", default=False, help_text="The carer the council contacts first"
    )
    left_on = models.DateField(
        "Left the household on",
        null=True,
        blank=True,
        help_text="Kept for the household's history; blank while they live there",
    )

    class Meta:
        ordering = ["household", "-is_main_carer", "last_name", "first_name", "pk"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class AllowanceRate(models.Model):
    """The weekly allowance for a child of an age band, from a date (rates change each April)."""

    min_age = models.PositiveSmallIntegerField()
    max_age = models.PositiveSmallIntegerField()
    weekly_amount = models.DecimalField(max_digits=8, decimal_places=2)
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from", "min_age"]
        constraints = [
            models.UniqueConstraint(
                fields=["min_age", "effective_from"], name="one_rate_per_band_date"
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="rate_band_valid"
            ),
        ]

    def __str__(self):
        return f"Ages {self.min_age}-{self.max_age}: £{self.weekly_amount} from {self.effective_from:%d/%m/%Y}"


class LevelFee(models.Model):
    """The weekly fee paid to a household for its skill level, from a date."""

    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    weekly_fee = models.DecimalField(max_digits=8, decimal_places=2)
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "effective_from"], name="one_fee_per_level_date"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="fee_level_1_to_4"
            ),
        ]

    def __str__(self):
        return f"Level {self.level}: £{self.weekly_fee} from {self.effective_from:%d/%m/%Y}"


class Outreach(KeptRecord):
    """Support from a Wraparound Care Hub to a foster family at risk of breakdown. Not a bed."""

    class Kind(models.TextChoices):
        SESSION = "session", "Outreach session"
        RESPITE_NIGHT = "respite_night", "Respite night"

    hub = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="outreach")
    household = models.ForeignKey(CarerHousehold, on_delete=models.PROTECT, related_name="outreach")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="outreach")
    date = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date"]
        verbose_name_plural = "outreach"

    def __str__(self):
        return f"{self.get_kind_display()} for {self.household} on {self.date:%d/%m/%Y}"

    def clean(self):
        hub = getattr(self, "hub", None)
        if hub is not None and not hub.home_type.offers_outreach:
            raise ValidationError({"hub": f"{hub} does not offer outreach to foster families."})
