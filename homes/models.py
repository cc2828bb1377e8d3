import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Greatest, Left, Length, Replace, Upper

from core import postcodes
from core.dates import today
from core.models import KeptRecord, PeriodQuerySet

# Children's homes registered before 2017 have SC and 6 digits; newer ones 7 digits.
OFSTED_URN = re.compile(r"^(SC[0-9]{6}|[0-9]{7})$")


class HomeType(models.Model):
    """What a home is for, and the rules that follow from it, held as data.

    The stay limits and age ranges are the service model (Leeds' 2019 residential review), not
    law, so administrators can change them here without a code change.
    """

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, unique=True)
    purpose = models.TextField(blank=True)
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(
        default=17, help_text="Oldest age accepted at admission"
    )
    max_stay_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Longest stay without an authorised extension; blank for none",
    )
    planned_stay_min_days = models.PositiveSmallIntegerField(null=True, blank=True)
    stay_warning_days = models.JSONField(
        default=list,
        blank=True,
        help_text="Days before the stay limit when social worker and manager are warned, e.g. [7, 2]",
    )
    max_beds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Most beds a home of this type may have"
    )
    offers_short_breaks = models.BooleanField(default=False)
    offers_outreach = models.BooleanField(default=False)
    has_linked_units = models.BooleanField(
        default=False, help_text="Trainer flat and linked houses instead of plain beds"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="home_type_age_range_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must not be below the youngest age."})


class OfstedRating(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_YET_INSPECTED = "not_inspected", "Not yet inspected"


class Provision(models.TextChoices):
    IN_HOUSE = "in_house", "Council's own home"
    EXTERNAL = "external", "External provider"


class HomeQuerySet(models.QuerySet):
    def in_house(self):
        """The council's own homes: the ones whose Reg 44 visits and Reg 45 reviews it arranges."""
        return self.filter(provision=Provision.IN_HOUSE)

    def open_on(self, day):
        return self.filter(Q(opened_on__lte=day) | Q(opened_on__isnull=True)).filter(
            Q(closed_on__gt=day) | Q(closed_on__isnull=True)
        )

    def with_area(self):
        """`area`: the home's postcode district, the part before the space ("LS6")."""
        compact = Upper(Replace("postcode", Value(" "), Value("")))
        return self.annotate(area=Left(compact, Greatest(Length(compact) - 3, Value(0))))

    def areas(self) -> list[str]:
        """The postcode districts these homes are in, in order (one query)."""
        found = self.with_area().order_by("area").values_list("area", flat=True).distinct()
        return sorted((area for area in found if area), key=_district_order)


def _district_order(area: str):
    """LS3 before LS10: the letters, then the district's number, then anything after it."""
    match = re.fullmatch(r"([A-Z]+)(\d*)(.*)", area)
    return (match[1], int(match[2] or 0), match[3]) if match else (area, 0, "")


class Home(KeptRecord):
    name = models.CharField(max_length=120)
    home_type = models.ForeignKey(HomeType, on_delete=models.PROTECT, related_name="homes")
    provision = models.CharField(
        max_length=16, choices=Provision.choices, default=Provision.IN_HOUSE
    )
    provider_name = models.CharField(max_length=120, blank=True, help_text="For external homes")
    ofsted_urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8)
    beds = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    weekly_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Cost of one bed for a week (paid for external beds even while blocked)",
    )
    registered_manager = models.CharField(max_length=120, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_homes"
    )
    independent_visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="visited_homes",
        help_text="Regulation 44 independent visitors assigned to this home",
    )
    ofsted_rating = models.CharField(
        max_length=24, choices=OfstedRating.choices, default=OfstedRating.NOT_YET_INSPECTED
    )
    ofsted_rating_date = models.DateField(null=True, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = HomeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(beds__gte=1), name="home_has_beds"),
            models.CheckConstraint(condition=Q(weekly_cost__gte=0), name="home_cost_not_negative"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self):
        return self.closed_on is None

    @property
    def is_external(self):
        return self.provision == Provision.EXTERNAL

    def clean(self):
        errors = {}
        home_type = getattr(self, "home_type", None)
        if home_type and home_type.max_beds and self.beds and self.beds > home_type.max_beds:
            errors["beds"] = f"A {home_type.name} home may have at most {home_type.max_beds} beds."
        elif self.pk and self.beds:
            in_use = self.units.filter(is_active=True).count()
            if self.beds < in_use:
                errors["beds"] = (
                    f"{self} has {in_use} units in use, each for one young person. Keep at "
                    f"least {in_use} beds, or stop using a unit first."
                )
        if self.opened_on and self.closed_on and self.closed_on <= self.opened_on:
            errors["closed_on"] = "A home must close after the day it opened."
        if self.postcode:
            self.postcode = postcodes.normalise(self.postcode)
            if not postcodes.exists(self.postcode):
                errors["postcode"] = postcodes.unknown(self.postcode)
        if self.provision == Provision.EXTERNAL and not self.provider_name:
            errors["provider_name"] = "Enter the name of the provider that runs the home."
        if self.ofsted_urn:
            self.ofsted_urn = self.ofsted_urn.strip().upper()
            if not OFSTED_URN.match(self.ofsted_urn):
                errors["ofsted_urn"] = (
                    "Enter the Ofsted URN as on the home’s inspection reports, like SC123456 "
                    "or 2512345."
                )
        if self.ofsted_rating_date and self.ofsted_rating_date > today():
            errors["ofsted_rating_date"] = "The inspection date cannot be in the future."
        if self.ofsted_rating != OfstedRating.NOT_YET_INSPECTED and not self.ofsted_rating_date:
            errors["ofsted_rating_date"] = "Give the date of the inspection that gave the rating."
        if errors:
            raise ValidationError(errors)


class Unit(KeptRecord):
    """A place inside a home that a young person can be given: a bed, a trainer flat, a linked house."""

    class Kind(models.TextChoices):
        BED = "bed", "Bed"
        TRAINER_FLAT = "trainer_flat", "In-home trainer flat"
        LINKED_HOUSE = "linked_house", "Linked house"

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.BED)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["home", "name"]
        constraints = [
            models.UniqueConstraint(fields=["home", "name"], name="unit_name_unique_in_home")
        ]

    def __str__(self):
        return f"{self.home} – {self.name}"

    def clean(self):
        home = getattr(self, "home", None)
        if home is None:
            return
        if self.kind != self.Kind.BED and not home.home_type.has_linked_units:
            raise ValidationError(
                {
                    "kind": f"Only homes with a trainer flat and linked houses have them; "
                    f"{home} ({home.home_type}) has beds."
                }
            )
        if self.is_active and home.pk:
            others = home.units.filter(is_active=True).exclude(pk=self.pk).count()
            if others + 1 > home.beds:
                raise ValidationError(
                    {
                        "is_active": f"{home} has {home.beds} beds and {others} units in use "
                        "already. Add a bed to the home first, or stop using another unit."
                    }
                )


class BedBlockQuerySet(PeriodQuerySet):
    def live(self):
        return self.filter(cancelled=False)


class BedBlock(KeptRecord):
    """Beds held empty for a period, so they cannot be booked (an external one is still paid for)."""

    class Reason(models.TextChoices):
        SINGLE_OCCUPANCY = "single_occupancy", "Single occupancy after matching"
        REPAIRS = "repairs", "Repairs or damage"
        STAFFING = "staffing", "Staffing shortage"
        OTHER = "other", "Other"

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="bed_blocks")
    beds = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="First day the beds are free again"
    )
    reason = models.CharField(max_length=24, choices=Reason.choices)
    note = models.TextField(blank=True)
    cancelled = models.BooleanField(default=False, help_text="Entered in error; kept for history")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = BedBlockQuerySet.as_manager()

    class Meta:
        ordering = ["home", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(beds__gte=1), name="block_has_beds"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="block_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.beds} bed(s) blocked at {self.home} from {self.start_date:%d/%m/%Y}"

    def clean(self):
        if self.end_date and self.start_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "The block must end after the day it starts."})
