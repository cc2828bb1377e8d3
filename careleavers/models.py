from django.conf import settings
from django.db import models

from core import codes
from core.models import Allocation, KeptRecord


class Eligibility(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible (16-17, still looked after)"
    RELEVANT = "relevant", "Relevant (16-17, left care)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (18-25)"
    QUALIFYING = "qualifying", "Qualifying"


# Education, employment or training, in the SSDA903 OC3 ACTIV codes.
Activity = codes.CareLeaverActivity


class Accommodation(models.TextChoices):
    """Where a care leaver lives, in the SSDA903 OC3 ACCOM letters."""

    B = "B", "With parents or relatives"
    C = "C", "Community home or other residential care"
    D = "D", "Semi-independent, transitional (supported hostel, trainer flat)"
    E = "E", "Supported lodgings"
    G = "G", "Gone abroad"
    H = "H", "Deported"
    K = "K", "Ordinary lodgings"
    R = "R", "Residence not known"
    S = "S", "No fixed abode or homeless"
    T = "T", "Foyers"
    U = "U", "Independent living (own tenancy)"
    V = "V", "Emergency accommodation"
    W = "W", "Bed and breakfast"
    X = "X", "In custody"
    Y = "Y", "Other"
    Z = "Z", "With former foster carers (Staying Put)"


class InterdependenceStage(models.TextChoices):
    IN_HOME_FLAT = "in_home_flat", "In-home trainer flat"
    ACCOMPANIED = "accompanied", "Accompanied time in a linked house"
    INDEPENDENT_TIME = "independent_time", "Independent time in a linked house"
    OWN_TENANCY = "own_tenancy", "Own tenancy"


class CareLeaver(KeptRecord):
    """Leaving-care support for a young person, kept up to their 25th birthday."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.PROTECT, related_name="care_leaver"
    )
    eligibility = models.CharField(max_length=16, choices=Eligibility.choices)
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_leavers",
    )
    pathway_plan_date = models.DateField(
        null=True, blank=True, help_text="Last pathway plan or review"
    )
    pathway_plan_review_due = models.DateField(null=True, blank=True)
    activity = models.CharField(
        "Education, employment or training", max_length=2, choices=Activity.choices, default="0"
    )
    accommodation = models.CharField(max_length=1, choices=Accommodation.choices, default="R")
    accommodation_suitable = models.BooleanField(null=True, blank=True)
    in_touch = models.BooleanField(default=True)
    staying_put = models.BooleanField(
        default=False, help_text="Living with former foster carers after 18"
    )
    staying_close = models.BooleanField(
        default=False, help_text="Staying Close support from a children's home"
    )
    interdependence_stage = models.CharField(
        max_length=20,
        choices=InterdependenceStage.choices,
        blank=True,
        help_text="For young people in the Moving to interdependence home",
    )

    class Meta:
        ordering = ["child__last_name", "child__first_name"]

    def __str__(self):
        return f"Care leaver: {self.child}"


class AdviserAllocation(Allocation):
    """One personal adviser's time with a care leaver."""

    leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="adviser_history")

    OWNER = "leaver"

    class Meta(Allocation.Meta):
        pass


class KeepingInTouch(KeptRecord):
    """What the council knew of a care leaver on a day: in touch, activity and accommodation
    with its suitability, in the DfE's OC3 codes. The history is kept, so the value on a
    birthday can be read later (careleavers/in_touch.py); the latest also fills the care
    leaver's record."""

    care_leaver = models.ForeignKey(
        CareLeaver, on_delete=models.PROTECT, related_name="keeping_in_touch"
    )
    as_at = models.DateField("As at", help_text="The day this was true, e.g. their birthday")
    in_touch = models.CharField(max_length=4, choices=codes.InTouch.choices)
    activity = models.CharField(
        "Education, employment or training",
        max_length=2,
        choices=codes.CareLeaverActivity.choices,
    )
    accommodation = models.CharField(max_length=2, choices=codes.CareLeaverAccommodation.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["care_leaver", "-as_at"]
        verbose_name_plural = "keeping in touch records"
        constraints = [
            models.UniqueConstraint(
                fields=["care_leaver", "as_at"], name="one_in_touch_record_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.care_leaver.child} as at {self.as_at:%d/%m/%Y}"
