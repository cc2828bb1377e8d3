from django.conf import settings
from django.db import models

from core.models import KeptRecord


class Eligibility(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible (16-17, still looked after)"
    RELEVANT = "relevant", "Relevant (16-17, left care)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (18-25)"
    QUALIFYING = "qualifying", "Qualifying"


class Activity(models.TextChoices):
    """Education, employment or training, in the SSDA903 OC3 ACTIV codes."""

    F1 = "F1", "Higher education, full time"
    P1 = "P1", "Higher education, part time"
    F2 = "F2", "Other education, full time"
    P2 = "P2", "Other education, part time"
    F4 = "F4", "Apprenticeship, full time"
    P4 = "P4", "Apprenticeship, part time"
    F5 = "F5", "Training or employment, full time"
    P5 = "P5", "Training or employment, part time"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"
    UNKNOWN = "0", "Not known"


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
