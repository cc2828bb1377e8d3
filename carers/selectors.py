"""Reading carer households: the list with vacancies, current placements and the allowance due.

Every function runs a fixed number of queries, whatever the number of households or children.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Greatest

from accounts.access import children_visible_to, homes_managed_by, role_of
from accounts.models import Role
from core.lists import count_per_row
from homes.models import Home
from placements.models import Placement

from .models import AllowanceRate, ApprovalStatus, CarerHousehold, CarerType, LevelFee, Outreach

APPROVED = (ApprovalStatus.APPROVED, ApprovalStatus.TEMPORARY)


def _placed_on(day):
    """Live placements with the household that include `day`."""
    return Q(placements__entered_in_error=False, placements__start_date__lte=day) & (
        Q(placements__end_date__isnull=True) | Q(placements__end_date__gt=day)
    )


def households():
    return CarerHousehold.objects.select_related("mockingbird_hub").order_by("name", "pk")


def with_children_on(households, day: datetime.date, *, every_household=False):
    """Households with `current_children` and `vacancies` (free places if approved) on `day`.

    Counted per household, a subquery each, so a page of households counts only its own
    placements (the list pages before it counts); or, with `every_household` (the list sorted
    or filtered by the counts, or downloaded), every household at once, in one join with the
    day's placements instead of a subquery for each of tens of thousands.
    """
    if every_household:
        households = households.annotate(
            placed_now=FilteredRelation("placements", condition=_placed_on(day))
        ).annotate(current_children=Count("placed_now"))
    else:
        households = households.annotate(
            current_children=count_per_row(Placement.objects.active_on(day), "carer")
        )
    return households.annotate(
        vacancies=Case(
            When(
                approval_status__in=APPROVED,
                then=Greatest(F("approved_places") - F("current_children"), Value(0)),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def current_placements(household, day: datetime.date):
    return list(
        Placement.objects.filter(carer=household)
        .active_on(day)
        .select_related("child")
        .order_by("start_date", "pk")
    )


def visible_child_ids(user, children) -> set[int]:
    """Which of these children this person may know by name (one query)."""
    ids = [child.pk for child in children]
    return set(children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def recent_outreach(household, limit=20):
    return list(
        Outreach.objects.filter(household=household)
        .select_related("hub", "child")
        .order_by("-date", "-pk")[:limit]
    )


def outreach_hubs_for(user):
    """Wraparound hubs (homes offering outreach) this person may record outreach for."""
    hubs = Home.objects.filter(home_type__offers_outreach=True).order_by("name")
    if role_of(user) in (Role.ADMINISTRATOR, Role.SOCIAL_WORKER):
        return hubs
    return hubs.filter(pk__in=homes_managed_by(user).values("pk"))


# The allowance due per week ---------------------------------------------------------------


@dataclass(frozen=True)
class ChildAllowance:
    placement: Placement
    age: int
    weekly_amount: Decimal | None  # None: no rate in force covers the child's age


@dataclass(frozen=True)
class AllowanceDue:
    """What the council pays a household for one week, as it stands on `day`."""

    day: datetime.date
    children: list[ChildAllowance]
    level_fee: Decimal | None  # None: no level, or no fee in force for it
    agency: bool

    @property
    def missing_rates(self) -> bool:
        return any(c.weekly_amount is None for c in self.children)

    @property
    def total(self) -> Decimal:
        amounts = sum((c.weekly_amount or Decimal("0") for c in self.children), Decimal("0"))
        return amounts + (self.level_fee or Decimal("0"))


def rates_in_force(day: datetime.date) -> list[AllowanceRate]:
    """Every rate that started by `day`, newest first: the first one covering an age is in force."""
    return list(AllowanceRate.objects.filter(effective_from__lte=day).order_by("-effective_from"))


def level_fees_in_force(day: datetime.date) -> dict[int, Decimal]:
    fees: dict[int, Decimal] = {}
    for fee in LevelFee.objects.filter(effective_from__lte=day).order_by("-effective_from"):
        fees.setdefault(fee.level, fee.weekly_fee)
    return fees


def rate_for_age(rates: list[AllowanceRate], age: int) -> Decimal | None:
    for rate in rates:
        if rate.min_age <= age <= rate.max_age:
            return rate.weekly_amount
    return None


def allowance_due(household, placements, day: datetime.date) -> AllowanceDue:
    """The weekly allowance for each child placed now plus the household's level fee.

    Agency households are paid the agency's weekly fee per child instead. The level fee is paid
    once per household for any week a child is placed. Two queries, whatever the number of
    children (`placements` are the household's current placements, with their children).
    """
    agency = household.carer_type == CarerType.AGENCY
    rates = [] if agency else rates_in_force(day)
    children = []
    for placement in placements:
        age = placement.child.age_on(day)
        amount = household.weekly_cost if agency else rate_for_age(rates, age)
        children.append(ChildAllowance(placement=placement, age=age, weekly_amount=amount))
    level_fee = None
    if not agency and children and household.level:
        level_fee = level_fees_in_force(day).get(household.level)
    return AllowanceDue(day=day, children=children, level_fee=level_fee, agency=agency)
