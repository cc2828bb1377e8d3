"""The placement ledger: where each child lived, from when to when, and why.

A stay occupies its place from `start_date` up to, not including, `end_date` (the day the
child left, or will leave: a move or end may be planned ahead), so a move on a given day ends
one stay and starts the next without overlap.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core import codes
from core.models import KeptQuerySet, KeptRecord, PeriodQuerySet

from .models_903 import AdoptionDecision, MissingEpisode, PreviousPermanence  # noqa: F401


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

    def in_homes(self, homes):
        """Stays in any of `homes` (a queryset or ids). Saying that the stay has a home, which
        the ids imply but PostgreSQL cannot tell, lets it read the open ones from
        open_stays_by_home instead of every open stay, most of them with carers (the beds of
        1,000 homes at regional size: 16 ms to 3 ms)."""
        return self.filter(home__isnull=False, home_id__in=homes)


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
    provider_name = models.CharField(
        "Where the child lives",
        max_length=120,
        blank=True,
        help_text="For a placement neither in a home nor with a carer household: the hospital, "
        "school, young offender institution, parents or adopters",
    )
    purpose = models.TextField(blank=True, help_text="What this stay is for, and how it will end")
    start_date = models.DateField()
    planned_end_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(
        null=True, blank=True, help_text="The day the child left, or will leave when planned"
    )
    is_short_break = models.BooleanField(default=False)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    distance_miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    outside_council_area = models.BooleanField(default=False)

    # SSDA903 episode codes
    legal_status = models.CharField(max_length=2, choices=codes.LegalStatus.choices)
    placement_type = models.CharField(max_length=3, choices=codes.PlacementType.choices)
    provider = models.CharField(
        max_length=3,
        choices=codes.PlacementProvider.choices,
        blank=True,
        help_text="Not given for temporary (T0-T4) and other (Z11-Z14) placements",
    )
    reason_new_episode = models.CharField(
        max_length=1,
        choices=codes.ReasonNewEpisode.choices,
        blank=True,
        help_text="Worked out from what changed; blank when the stay continues the same "
        "903 episode (a move inside the same home)",
    )
    reason_episode_ceased = models.CharField(
        max_length=3, choices=codes.ReasonEpisodeCeased.choices, blank=True
    )
    reason_placement_change = models.CharField(
        max_length=6, choices=codes.ReasonPlacementChange.choices, blank=True
    )
    placement_postcode = models.CharField(max_length=8, blank=True)
    home_postcode = models.CharField(
        "Family's home postcode",
        max_length=8,
        blank=True,
        help_text="Where the family lived when this stay began (the family can move while the "
        "child is in care)",
    )
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
            # The stays open today, per home and per household: the occupancy board and the
            # carers list count them without reading the hundreds of thousands that ended.
            models.Index(
                fields=["home"],
                condition=Q(end_date__isnull=True, home__isnull=False),
                name="open_stays_by_home",
            ),
            models.Index(
                fields=["carer"],
                condition=Q(end_date__isnull=True, carer__isnull=False),
                name="open_stays_by_carer",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(home__isnull=False) & Q(carer__isnull=True))
                | (Q(home__isnull=True) & Q(carer__isnull=False))
                | (Q(home__isnull=True) & Q(carer__isnull=True) & ~Q(provider_name="")),
                name="placement_in_a_home_with_a_carer_or_named",
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
        return self.home or self.carer or self.provider_name

    @property
    def is_open(self):
        return self.end_date is None and not self.entered_in_error

    @property
    def over_20_miles(self):
        return self.distance_miles is not None and self.distance_miles > 20

    def leaving_planned(self, on: datetime.date) -> bool:
        """Whether the day the child leaves is recorded and still to come (a planned move or
        end): the stay still counts until then."""
        return self.end_date is not None and self.end_date > on and not self.entered_in_error

    def days_in_placement(self, on: datetime.date) -> int:
        last = min(on, self.end_date) if self.end_date else on
        return (last - self.start_date).days


class StayExtensionQuerySet(KeptQuerySet):
    def waiting(self, on: datetime.date):
        """Requests a head of service can still decide on `on`: the child has not left."""
        return self.filter(
            Q(placement__end_date__isnull=True) | Q(placement__end_date__gt=on),
            status=StayExtension.Status.REQUESTED,
            placement__entered_in_error=False,
        )

    def left_behind(self, on: datetime.date):
        """Requests still marked waiting on stays the child left by `on` (or recorded in
        error): nobody can decide them any more, so they close."""
        return self.filter(status=StayExtension.Status.REQUESTED).filter(
            Q(placement__end_date__lte=on) | Q(placement__entered_in_error=True)
        )


class StayExtension(KeptRecord):
    """A request to keep a child beyond the home type's stay limit, and its decision. A request
    nobody decided before the child left closes itself (placements.services)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for a decision"
        AUTHORISED = "authorised", "Authorised"
        REFUSED = "refused", "Refused"
        CLOSED = "closed", "Closed: the child left the placement"

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

    objects = StayExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="requested")
                | Q(status="closed", decided_at__isnull=False)
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


class MatchRequest(KeptRecord):
    """A social worker asks a home's manager whether the home can take a child. The manager
    assesses the impact on the children living there (a MatchingAssessment) and agrees or
    declines; the social worker then places the child, or withdraws the request.

    The states and the moves between them are here (`move_to`); the services in
    placements.matching and placements.services make every move."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the manager"
        AGREED = "agreed", "Agreed: ready to place"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        PLACED = "placed", "Placed"

    OPEN = (Status.REQUESTED, Status.AGREED)
    MOVES = {
        Status.REQUESTED: {Status.AGREED, Status.DECLINED, Status.WITHDRAWN},
        Status.AGREED: {Status.PLACED, Status.DECLINED, Status.WITHDRAWN},
        Status.PLACED: {Status.AGREED},  # the stay was recorded in error (a move cancelled)
    }

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="match_requests"
    )
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="match_requests")
    proposed_start = models.DateField()
    proposed_end = models.DateField(null=True, blank=True)
    needs = models.TextField(
        help_text="What the child needs from the home, and the risks the manager should weigh"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessment = models.OneToOneField(
        MatchingAssessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="match_request",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was declined or withdrawn")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    placement = models.OneToOneField(
        Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="match_request"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["home", "status"]),
            models.Index(fields=["child", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "home"],
                condition=Q(status__in=["requested", "agreed"]),
                name="one_open_match_request_per_child_and_home",
            ),
            models.CheckConstraint(
                condition=Q(proposed_end__isnull=True)
                | Q(proposed_end__gt=models.F("proposed_start")),
                name="match_request_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="requested")
                | Q(status="withdrawn", withdrawn_at__isnull=False)
                | Q(status="declined", answered_at__isnull=False)
                | Q(status__in=["agreed", "placed"], assessment__isnull=False),
                name="match_request_state_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status="placed") | Q(placement__isnull=False),
                name="match_request_placed_has_placement",
            ),
        ]

    def __str__(self):
        return f"Match request for {self.child} at {self.home} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def where_it_is(self) -> str:
        return _WHERE_IT_IS[self.status]

    def move_to(self, status) -> None:
        """Change the state, or say why it cannot change from where it is."""
        if status not in self.MOVES.get(self.status, ()):
            raise ValidationError(
                f"This match request {self.where_it_is}, so it cannot be {_WHAT_WAS_ASKED[status]}."
            )
        self.status = status


_WHERE_IT_IS = {
    MatchRequest.Status.REQUESTED: "is still waiting for the manager",
    MatchRequest.Status.AGREED: "has already been agreed",
    MatchRequest.Status.DECLINED: "was declined",
    MatchRequest.Status.WITHDRAWN: "was withdrawn",
    MatchRequest.Status.PLACED: "has already led to a placement",
}
_WHAT_WAS_ASKED = {
    MatchRequest.Status.AGREED: "agreed",
    MatchRequest.Status.DECLINED: "declined",
    MatchRequest.Status.WITHDRAWN: "withdrawn",
    MatchRequest.Status.PLACED: "used to place the child",
}
