from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Upper

from accounts.models import KEY_WORKER_ROLES
from core import codes, postcodes, upn
from core.dates import add_years, age_on, today
from core.models import Allocation, KeptQuerySet, KeptRecord, PersonNameField
from core.text_search import SearchText


class ChildStatus(models.TextChoices):
    EDGE_OF_CARE = "edge_of_care", "Edge of care"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    CLOSED = "closed", "Case closed"


class Child(KeptRecord):
    """A child or young person known to the council."""

    local_id = models.CharField(
        "Local identifier",
        max_length=20,
        unique=True,
        error_messages={
            "unique": "A child with this local identifier is already recorded. Find them with "
            "the search instead of adding them again."
        },
    )
    first_name = PersonNameField(max_length=60)
    last_name = PersonNameField(max_length=60)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=codes.Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices, default="NOBT")
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    is_mother = models.BooleanField(
        "Is a mother", default=False, help_text="For a young woman who has a child of her own"
    )
    child_born_on = models.DateField(
        "Her child's date of birth", null=True, blank=True, help_text="The youngest, if several"
    )
    is_uasc = models.BooleanField(
        "Unaccompanied asylum-seeking child",
        default=False,
        help_text="Now or at any time while looked after",
    )
    uasc_ceased_on = models.DateField(
        "Date UASC status ended",
        null=True,
        blank=True,
        help_text="For example when leave to remain was granted, or the 18th birthday",
    )
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
        limit_choices_to={"role__in": KEY_WORKER_ROLES, "is_active": True},
        help_text="Stays with the young person through every move (No Wrong Door)",
    )
    # The names and local identifier as searches compare them (core/text_search.py), kept by
    # the database on every write, so a search of the whole register need not work it out for
    # each child; a trigram index on PostgreSQL finds the part typed (migration 0008).
    search_text = models.GeneratedField(
        expression=SearchText(
            Concat(
                "first_name",
                Value(" "),
                "last_name",
                Value(" "),
                "local_id",
                output_field=models.TextField(),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["social_worker"]),
            models.Index(fields=["key_worker"]),
            models.Index(fields=["date_of_birth"]),
            # Lists of children (and of care leavers) sorted by name read a page from here.
            models.Index(fields=["last_name", "first_name", "id"], name="child_name_order"),
            # A search typed as a whole UPN, in any case (children.selectors.matching).
            models.Index(Upper("upn"), name="child_upn_any_case"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(upn="") | Q(upn__regex=upn.SHAPE_SQL),
                name="child_upn_format",
            ),
            # A real UPN belongs to one child (DfE rule 444); the UN codes are shared.
            models.UniqueConstraint(
                fields=["upn"],
                condition=~Q(upn="") & ~Q(upn__in=upn.UNKNOWN_CODES),
                name="child_upn_unique",
                violation_error_message="Another child already has that unique pupil number.",
            ),
            models.CheckConstraint(
                condition=Q(is_mother=True) | Q(child_born_on__isnull=True),
                name="child_mother_has_child_dob",
            ),
            models.CheckConstraint(
                condition=Q(is_uasc=True) | Q(uasc_ceased_on__isnull=True),
                name="child_uasc_ceased_needs_uasc",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.local_id})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "social_worker" in fields or "social_worker_id" in fields:
            # Set by the allocation service (or a writer that knows); else today, reason kept.
            keep_social_worker_episodes(
                self,
                on=getattr(self, "allocated_on", None) or today(),
                reason=getattr(self, "allocation_reason", ""),
            )

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day):
        return age_on(self.date_of_birth, day)

    @property
    def age(self):
        return self.age_on(today())

    def clean(self):
        errors = {}
        if self.date_of_birth and self.date_of_birth > today():
            errors["date_of_birth"] = "Date of birth must be today or in the past."
        if self.upn:
            self.upn = self.upn.strip().upper()
            if problem := upn.problem(self.upn):
                errors["upn"] = problem
        if self.home_postcode:
            self.home_postcode = postcodes.normalise(self.home_postcode)
            if not postcodes.exists(self.home_postcode):
                errors["home_postcode"] = postcodes.unknown(self.home_postcode)
        errors.update(self._mother_errors())
        errors.update(self._uasc_errors())
        if errors:
            raise ValidationError(errors)

    def _mother_errors(self) -> dict:
        """MOTHER and MC_DOB in the DfE header: only for girls and young women."""
        if not self.is_mother:
            if self.child_born_on:
                return {"is_mother": "Say she is a mother, or remove her child's date of birth."}
            return {}
        if self.sex != codes.Sex.FEMALE:
            return {"is_mother": "Only a girl or young woman can be recorded as a mother."}
        born = self.child_born_on
        if born is None:
            return {"child_born_on": "Enter her child's date of birth."}
        if born > today():
            return {"child_born_on": "Her child's date of birth must be today or in the past."}
        if self.date_of_birth and born <= self.date_of_birth:
            return {"child_born_on": "Her child's date of birth must be after her own."}
        return {}

    def _uasc_errors(self) -> dict:
        ceased = self.uasc_ceased_on
        if ceased is None:
            return {}
        if not self.is_uasc:
            return {"uasc_ceased_on": "Only an unaccompanied asylum-seeking child has a date UASC "
                    "status ended: tick UASC or remove the date."}  # fmt: skip
        if ceased > today():
            return {"uasc_ceased_on": "The date UASC status ended must be today or in the past."}
        if self.date_of_birth and ceased < self.date_of_birth:
            return {"uasc_ceased_on": "The date UASC status ended must be after the date of birth."}
        if self.date_of_birth and ceased > add_years(self.date_of_birth, 18):
            return {
                "uasc_ceased_on": "UASC status ends at the latest on the 18th birthday, "
                f"{add_years(self.date_of_birth, 18):%d/%m/%Y}."
            }
        return {}


class LegalStatusQuerySet(KeptQuerySet):
    def live(self):
        return self.filter(entered_in_error=False)


class LegalStatusRecord(KeptRecord):
    """One period under a legal status (care order, section 20 ...)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="legal_statuses")
    legal_status = models.CharField(max_length=2, choices=codes.LegalStatus.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    entered_in_error = models.BooleanField(
        default=False,
        help_text="Recorded with a planned move that was cancelled; kept for history but not "
        "counted",
    )

    objects = LegalStatusQuerySet.as_manager()

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


class KeyWorkerAllocation(Allocation):
    """One key worker's time with a child (No Wrong Door: ideally one, through every move)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="key_worker_history")

    OWNER = "child"

    class Meta(Allocation.Meta):
        pass


class SocialWorkerEpisode(KeptRecord):
    """Who was the child's allocated social worker, from when to when, and why the allocation
    began (903 SWEpisodes: SW_ID, SW_DECOM, SW_DEC, SW_REASON). Kept by the model whenever
    `Child.social_worker` changes, on every write path (children/social_workers.py)."""

    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="social_worker_episodes"
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField(
        "Reason for the change",
        max_length=6,
        choices=codes.SocialWorkerChangeReason.choices,
        help_text="Why this social worker was allocated",
    )

    class Meta:
        ordering = ["child", "-start_date", "-id"]
        indexes = [models.Index(fields=["child", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="sw_episode_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="one_open_sw_episode_per_child",
            ),
        ]

    def __str__(self):
        return f"{self.social_worker} for {self.child} from {self.start_date:%d/%m/%Y}"


def keep_social_worker_episodes(child, *, on, reason: str = "") -> None:
    """Make the child's open social worker episode match `child.social_worker`: end the one
    that no longer does on `on`, and open one for the new worker from `on`. A second change
    on the day an episode began corrects it instead of leaving a one-day episode."""
    current = SocialWorkerEpisode.objects.filter(child=child, end_date__isnull=True).first()
    worker = child.social_worker_id
    if current is not None and current.social_worker_id == worker:
        return
    if current is not None:
        if worker is not None and current.start_date >= on:
            current.social_worker_id = worker
            current.save()
            return
        current.end_date = max(on, current.start_date)
        current.save()
    if worker is None:
        return
    first = not SocialWorkerEpisode.objects.filter(child=child).exists()
    episode = SocialWorkerEpisode(
        child=child,
        social_worker_id=worker,
        start_date=on,
        reason=reason
        or (
            codes.SocialWorkerChangeReason.FCONTA
            if first
            else codes.SocialWorkerChangeReason.OTHERS
        ),
    )
    episode.save()
