from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core import codes
from core.dates import age_on, today
from core.models import KeptRecord


class ChildStatus(models.TextChoices):
    EDGE_OF_CARE = "edge_of_care", "Edge of care"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    CLOSED = "closed", "Case closed"


class Child(KeptRecord):
    """A child or young person known to the council."""

    local_id = models.CharField("Local identifier", max_length=20, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=codes.Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices, default="NOBT")
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="Where the child lived before care; used for distance"
    )
    category_of_need = models.CharField(
        max_length=2, choices=codes.CategoryOfNeed.choices, blank=True
    )
    status = models.CharField(max_length=16, choices=ChildStatus.choices)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocated_children",
    )
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_children",
        help_text="Stays with the young person through every move (No Wrong Door)",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["social_worker"]),
            models.Index(fields=["key_worker"]),
            models.Index(fields=["date_of_birth"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(upn="") | Q(upn__regex=r"^([A-Z][0-9]{11}[0-9A-Z]|UN[1-5])$"),
                name="child_upn_format",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.local_id})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day):
        return age_on(self.date_of_birth, day)

    @property
    def age(self):
        return self.age_on(today())

    def clean(self):
        if self.date_of_birth and self.date_of_birth > today():
            raise ValidationError({"date_of_birth": "Date of birth must be in the past."})
        if self.upn:
            self.upn = self.upn.upper()
        if self.home_postcode:
            from core.postcodes import normalise

            self.home_postcode = normalise(self.home_postcode)


class LegalStatusRecord(KeptRecord):
    """One period under a legal status (care order, section 20 ...)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="legal_statuses")
    legal_status = models.CharField(max_length=2, choices=codes.LegalStatus.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="legal_status_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_legal_status_display()} from {self.start_date:%d/%m/%Y}"
