"""The board's measures: one definition of each, used by the dashboard and the PDF alike.

Each function takes a reporting period (reporting.periods.Period) and returns raw counts,
never suppressed: reporting.sections turns them into what people see. Every function runs a
fixed number of aggregate queries, whatever the number of children or stays. Each measure's
plain-English definition is registered here and printed in the report's appendix.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from careleavers.models import CareLeaver
from carers.models import CarerType
from children.models import Child
from core.dates import add_years, today
from homes.models import BedBlock, Home, HomeType, OfstedRating, Provision
from placements.models import Outcome, Placement, StayExtension

from .periods import Period, months_before


@dataclass(frozen=True)
class Definition:
    title: str
    text: str


DEFINITIONS: dict[str, Definition] = {}


def measure(title: str, text: str):
    """Register a measure's plain-English definition for the appendix."""

    def register(function):
        DEFINITIONS[function.__name__] = Definition(title, text)
        return function

    return register


UNDER_CAPACITY_BELOW = Decimal("0.8")  # a home used under 80% of its bed-nights
FAR_FROM_HOME_MILES = 20


# ------------------------------------------------------------------ shared expressions


def _date(day: datetime.date) -> Value:
    return Value(day, output_field=DateField())


def _days_in(period: Period, start: str, end: str, open_start: bool = False):
    """Days of [start, end) that fall inside the period, as a duration (end None: still open)."""
    first = Coalesce(F(start), _date(period.start)) if open_start else F(start)
    return ExpressionWrapper(
        Least(Coalesce(F(end), _date(period.end)), _date(period.end))
        - Greatest(first, _date(period.start)),
        output_field=DurationField(),
    )


def _weighted(weight: str, duration):
    count = ExpressionWrapper(F(weight), output_field=IntegerField())  # SQLite needs the type
    return ExpressionWrapper(count * duration, output_field=DurationField())


def _nights(value) -> int:
    return value.days if value else 0


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in UK time, for comparing date-times with a day."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def _stays():
    """Stays in children's homes that count (not entered in error)."""
    return Placement.objects.live().filter(home__isnull=False)


def _in_care_on(day: datetime.date):
    """Placements that make a child looked after on `day` (short breaks do not)."""
    return Placement.objects.active_on(day).filter(is_short_break=False)


def _homes_open_during(period: Period):
    return Home.objects.filter(
        Q(opened_on__lt=period.end) | Q(opened_on__isnull=True),
        Q(closed_on__gt=period.start) | Q(closed_on__isnull=True),
    )


# ------------------------------------------------------------------ sufficiency and occupancy


@measure(
    "Beds by home type",
    "Registered beds in homes open on the last day of the period, by home type and by who runs "
    "the home (the council or an external provider).",
)
def beds_by_home_type(period: Period) -> dict[str, dict[str, dict[str, int]]]:
    """{"by_type": {home type: {homes, beds}}, "by_provision": {provision label: {homes, beds}}}"""
    rows = (
        Home.objects.open_on(period.last_day)
        .values("home_type__name", "provision")
        .annotate(homes=Count("id"), beds=Sum("beds"))
    )
    provisions = dict(Provision.choices)
    result = {"by_type": defaultdict(lambda: {"homes": 0, "beds": 0}), "by_provision": {}}
    result["by_provision"] = defaultdict(lambda: {"homes": 0, "beds": 0})
    for row in rows:
        for group, key in (
            ("by_type", row["home_type__name"]),
            ("by_provision", provisions[row["provision"]]),
        ):
            result[group][key]["homes"] += row["homes"]
            result[group][key]["beds"] += row["beds"]
    return {group: dict(values) for group, values in result.items()}


@measure(
    "Average occupancy",
    "Bed-nights used by children during the period divided by the bed-nights the open homes "
    "could offer (registered beds times days open). Blocked beds count as not used.",
)
def occupancy(period: Period) -> dict[str, dict[str, int]]:
    """Available, occupied and blocked bed-nights by home type, and 'all' for every home."""
    totals: dict[str, dict[str, int]] = defaultdict(
        lambda: {"available": 0, "occupied": 0, "blocked": 0}
    )
    available = (
        _homes_open_during(period)
        .values("home_type__name")
        .annotate(n=Sum(_weighted("beds", _days_in(period, "opened_on", "closed_on", True))))
    )
    occupied = (
        _stays()
        .overlapping(period.start, period.end)
        .values("home__home_type__name")
        .annotate(n=Sum(_days_in(period, "start_date", "end_date")))
    )
    blocked = (
        BedBlock.objects.overlapping(period.start, period.end)
        .values("home__home_type__name")
        .annotate(n=Sum(_weighted("beds", _days_in(period, "start_date", "end_date"))))
    )
    for key, rows, name in (
        ("available", available, "home_type__name"),
        ("occupied", occupied, "home__home_type__name"),
        ("blocked", blocked, "home__home_type__name"),
    ):
        for row in rows:
            totals[row[name]][key] += _nights(row["n"])
            totals["all"][key] += _nights(row["n"])
    return dict(totals)


@measure(
    "Blocked beds and their cost",
    "Bed-nights held empty by a bed block (not cancelled) during the period. A blocked bed in an "
    "external home is still paid for: its cost is the home's weekly bed cost divided by seven, "
    "for each blocked bed-night.",
)
def blocked_beds(period: Period) -> dict:
    rows = (
        BedBlock.objects.overlapping(period.start, period.end)
        .values("home__provision", "home__weekly_cost")
        .annotate(n=Sum(_weighted("beds", _days_in(period, "start_date", "end_date"))))
    )
    nights = external_nights = 0
    cost = Decimal("0")
    for row in rows:
        n = _nights(row["n"])
        nights += n
        if row["home__provision"] == Provision.EXTERNAL:
            external_nights += n
            cost += row["home__weekly_cost"] * n / 7
    return {"nights": nights, "external_nights": external_nights, "external_cost": round(cost)}


@measure(
    "Homes below capacity",
    "Homes open during the period whose children used fewer than 80% of the bed-nights the home "
    "could offer.",
)
def homes_below_capacity(period: Period) -> dict:
    homes = {
        row["id"]: row
        for row in _homes_open_during(period)
        .values("id", "name")
        .annotate(
            available=Sum(_weighted("beds", _days_in(period, "opened_on", "closed_on", True)))
        )
    }
    used = dict(
        _stays()
        .overlapping(period.start, period.end)
        .values("home_id")
        .annotate(n=Sum(_days_in(period, "start_date", "end_date")))
        .values_list("home_id", "n")
    )
    below = sorted(
        row["name"]
        for home_id, row in homes.items()
        if _nights(used.get(home_id)) < UNDER_CAPACITY_BELOW * _nights(row["available"])
    )
    return {"count": len(below), "of": len(homes), "homes": below}


@measure(
    "Vacancies today",
    "Beds free today in open homes: registered beds less the children living there and the "
    "beds blocked. Shown for the day the report was made, whatever the period.",
)
def vacancies_today() -> dict[str, int]:
    day = today()
    children = (
        _stays().active_on(day).filter(home=OuterRef("pk")).values("home").annotate(n=Count("id"))
    )
    blocks = BedBlock.objects.active_on(day).filter(home=OuterRef("pk")).values("home")
    homes = (
        Home.objects.open_on(day)
        .values("id", "home_type__name", "beds")
        .annotate(
            occupied=Coalesce(Subquery(children.values("n")), 0),
            blocked=Coalesce(Subquery(blocks.annotate(n=Sum("beds")).values("n")), 0),
        )
    )
    result: dict[str, int] = defaultdict(int)
    for home in homes:
        # An over-full home has no free bed; it does not cancel another home's vacancy.
        free = max(home["beds"] - home["occupied"] - home["blocked"], 0)
        result[home["home_type__name"]] += free
        result["all"] += free
    return dict(result)


# ------------------------------------------------------------------ stays against purpose


def _limited_types() -> list[HomeType]:
    return list(HomeType.objects.filter(max_stay_days__isnull=False).order_by("name"))


@measure(
    "Stays started and ended",
    "Stays in children's homes that began during the period, and stays that ended during it "
    "(the child left on a day in the period), by home type. Records entered in error are left out.",
)
def stays_started_and_ended(period: Period) -> dict[str, dict[str, int]]:
    in_period = {"start_date__gte": period.start, "start_date__lt": period.end}
    ended = {"end_date__gte": period.start, "end_date__lt": period.end}
    rows = (
        _stays()
        .filter(Q(**in_period) | Q(**ended))
        .values("home__home_type__name")
        .annotate(started=Count("id", filter=Q(**in_period)), ended=Count("id", filter=Q(**ended)))
    )
    result = {"all": {"started": 0, "ended": 0}}
    for row in rows:
        result[row["home__home_type__name"]] = {"started": row["started"], "ended": row["ended"]}
        result["all"]["started"] += row["started"]
        result["all"]["ended"] += row["ended"]
    return result


LENGTH_BANDS = ("up to half the limit", "half to the full limit", "over the limit")


@measure(
    "Length of stay against the limit",
    "For home types with a stay limit (for example Safe Space 28 days, MST 12 weeks, Towards "
    "Home 9 months), stays that ended in the period, by how long they lasted: up to half the "
    "limit, from half to the full limit, or longer than the limit.",
)
def length_of_stay(period: Period) -> dict[str, dict[str, int]]:
    types = _limited_types()
    if not types:
        return {}
    los = ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())
    counts = {}
    for ht in types:
        limit = datetime.timedelta(days=ht.max_stay_days)
        half = datetime.timedelta(days=ht.max_stay_days / 2)
        of_type = Q(home__home_type=ht)
        counts[f"{ht.pk}:0"] = Count("id", filter=of_type & Q(los__lte=half))
        counts[f"{ht.pk}:1"] = Count("id", filter=of_type & Q(los__gt=half, los__lte=limit))
        counts[f"{ht.pk}:2"] = Count("id", filter=of_type & Q(los__gt=limit))
    totals = (
        _stays()
        .filter(end_date__gte=period.start, end_date__lt=period.end)
        .annotate(los=los)
        .aggregate(**counts)
    )
    return {
        ht.name: {band: totals[f"{ht.pk}:{i}"] for i, band in enumerate(LENGTH_BANDS)}
        for ht in types
    }


@measure(
    "Stays over the limit (breaches)",
    "Stays in a home type with a stay limit where the child was still in the home on at least "
    "one day of the period after the limit date: the start date plus the limit, or the date of "
    "the latest authorised extension if that is later.",
)
def breaches(period: Period) -> dict[str, int]:
    types = _limited_types()
    if not types:
        return {}
    latest_extension = (
        StayExtension.objects.filter(
            placement=OuterRef("pk"), status=StayExtension.Status.AUTHORISED
        )
        .order_by("-extend_to")
        .values("extend_to")[:1]
    )
    left = Coalesce(F("end_date"), _date(datetime.date.max))
    stayed = ExpressionWrapper(left - F("start_date"), output_field=DurationField())
    # An extension moves the limit date later; without one the home type's limit is the date.
    past_extension = Q(extension__isnull=True) | Q(
        extension__lt=period.end, extension_before_leaving=True
    )
    counts = {}
    for ht in types:
        limit = datetime.timedelta(days=ht.max_stay_days)
        counts[str(ht.pk)] = Count(
            "id",
            filter=Q(home__home_type=ht, start_date__lt=period.end - limit, stayed__gt=limit)
            & past_extension,
        )
    totals = (
        _stays()
        .overlapping(period.start, period.end)
        .annotate(stayed=stayed, extension=Subquery(latest_extension))
        .annotate(extension_before_leaving=ExpressionWrapper(Q(extension__lt=left), BooleanField()))
        .aggregate(**counts)
    )
    return {ht.name: totals[str(ht.pk)] for ht in types}


@measure(
    "Authorised extensions",
    "Requests to keep a child beyond the home type's stay limit that were authorised during the "
    "period, by home type.",
)
def extensions_authorised(period: Period) -> dict[str, int]:
    rows = (
        StayExtension.objects.filter(
            status=StayExtension.Status.AUTHORISED,
            decided_at__gte=_end_of(period.start - datetime.timedelta(days=1)),
            decided_at__lt=_end_of(period.last_day),
            placement__entered_in_error=False,
        )
        .values("placement__home__home_type__name")
        .annotate(n=Count("id"))
    )
    return {row["placement__home__home_type__name"]: row["n"] for row in rows}


# ------------------------------------------------------------------ where children went next

NOT_RECORDED = "Not recorded"


@measure(
    "Where children went next",
    "For stays in children's homes that ended in the period, the recorded outcome: home to "
    "family, kinship care, foster care, another children's home, independence, and others.",
)
def destinations(period: Period) -> dict[str, dict[str, int]]:
    rows = (
        _stays()
        .filter(end_date__gte=period.start, end_date__lt=period.end)
        .values("home__home_type__name", "outcome")
        .annotate(n=Count("id"))
    )
    labels = dict(Outcome.choices)
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        label = labels.get(row["outcome"], NOT_RECORDED)
        result[row["home__home_type__name"]][label] = row["n"]
    return dict(result)


# ------------------------------------------------------------------ stability


@measure(
    "Children with three or more placements",
    "Children looked after on the last day of the period who had three or more placements "
    "(short breaks not counted) during the twelve months up to that day, out of all children "
    "looked after that day.",
)
def three_or_more_placements(period: Period) -> dict[str, int]:
    day = period.last_day
    year_start = add_years(day, -1) + datetime.timedelta(days=1)
    in_year = (
        Q(placements__entered_in_error=False, placements__is_short_break=False)
        & Q(placements__start_date__lte=day)
        & (Q(placements__end_date__isnull=True) | Q(placements__end_date__gt=year_start))
    )
    looked_after = Child.objects.filter(
        Exists(_in_care_on(day).filter(child=OuterRef("pk")))
    ).annotate(moves=Count("placements", filter=in_year))
    return looked_after.aggregate(count=Count("id", filter=Q(moves__gte=3)), of=Count("id"))


@measure(
    "Long-term stability",
    "Children under 16 on the last day of the period, looked after for at least two and a half "
    "years (counted from their first recorded placement), who had lived in the same placement "
    "for at least two years, out of all children under 16 looked after that long.",
)
def long_term_stability(period: Period) -> dict[str, int]:
    day = period.last_day
    two_and_a_half_years_ago = months_before(day, 30)
    current = _in_care_on(day).filter(child=OuterRef("pk"))
    children = (
        Child.objects.filter(Exists(current), date_of_birth__gt=add_years(day, -16))
        .annotate(
            first_start=Min(
                "placements__start_date",
                filter=Q(placements__entered_in_error=False, placements__is_short_break=False),
            ),
            settled=Exists(current.filter(start_date__lte=add_years(day, -2))),
        )
        .filter(first_start__lte=two_and_a_half_years_ago)
    )
    return children.aggregate(count=Count("id", filter=Q(settled=True)), of=Count("id"))


@measure(
    "Placement location",
    "Placements open on the last day of the period (short breaks not counted) that are more "
    "than 20 miles from the child's home postcode, or outside the council's area, out of all "
    "open placements. 'Distance not known' counts placements without a distance.",
)
def placement_location(period: Period) -> dict[str, int]:
    return _in_care_on(period.last_day).aggregate(
        far=Count("id", filter=Q(distance_miles__gt=FAR_FROM_HOME_MILES)),
        outside=Count("id", filter=Q(outside_council_area=True)),
        unknown=Count("id", filter=Q(distance_miles__isnull=True)),
        of=Count("id"),
    )


# ------------------------------------------------------------------ cost

COST_GROUPS = {
    "external": ("External residential", Q(home__provision=Provision.EXTERNAL)),
    "agency": ("Agency foster care", Q(carer__carer_type=CarerType.AGENCY)),
    "in_house": ("Council's own homes", Q(home__provision=Provision.IN_HOUSE)),
}


@measure(
    "Placement cost",
    "Placements open on the last day of the period in external children's homes, with "
    "independent fostering agency carers, and in the council's own homes: how many, and their "
    "total weekly cost (the weekly cost recorded on each placement).",
)
def placement_costs(period: Period) -> dict[str, dict]:
    aggregates = {}
    for key, (_label, group) in COST_GROUPS.items():
        aggregates[f"{key}_count"] = Count("id", filter=group)
        aggregates[f"{key}_weekly"] = Sum("weekly_cost", filter=group)
    totals = _in_care_on(period.last_day).aggregate(**aggregates)
    return {
        key: {"count": totals[f"{key}_count"], "weekly": totals[f"{key}_weekly"] or Decimal("0")}
        for key in COST_GROUPS
    }


@measure(
    "Weekly cost trend",
    "The total weekly cost of the placements in each cost group open on the last day of each of "
    "the twelve months up to the end of the period.",
)
def cost_trend(period: Period) -> list[tuple[datetime.date, dict[str, Decimal]]]:
    days = period.month_ends(12)
    aggregates = {}
    for i, day in enumerate(days):
        open_then = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
        for key, (_label, group) in COST_GROUPS.items():
            aggregates[f"{key}_{i}"] = Sum("weekly_cost", filter=open_then & group)
    totals = (
        Placement.objects.live()
        .filter(is_short_break=False)
        .overlapping(days[0], days[-1] + datetime.timedelta(days=1))
        .aggregate(**aggregates)
    )
    return [
        (day, {key: totals[f"{key}_{i}"] or Decimal("0") for key in COST_GROUPS})
        for i, day in enumerate(days)
    ]


# ------------------------------------------------------------------ care leavers

AGE_BANDS = {"17-18": (17, 18), "19-21": (19, 21)}


@measure(
    "Care leavers",
    "Care leavers aged 17-18 and 19-21 on the last day of the period: how many are in education, "
    "employment or training, and how many live in accommodation recorded as suitable; and how "
    "many have Staying Put or Staying Close support. Homeward keeps each care leaver's current "
    "situation, so these figures describe the situation when the report was made.",
)
def care_leavers(period: Period) -> dict:
    day = period.last_day
    aggregates = {}
    for band, (youngest, oldest) in AGE_BANDS.items():
        in_band = Q(
            child__date_of_birth__gt=add_years(day, -(oldest + 1)),
            child__date_of_birth__lte=add_years(day, -youngest),
        )
        aggregates[f"{band}:of"] = Count("id", filter=in_band)
        aggregates[f"{band}:eet"] = Count(
            "id", filter=in_band & (Q(activity__startswith="F") | Q(activity__startswith="P"))
        )
        aggregates[f"{band}:suitable"] = Count(
            "id", filter=in_band & Q(accommodation_suitable=True)
        )
    aggregates["staying_put"] = Count("id", filter=Q(staying_put=True))
    aggregates["staying_close"] = Count("id", filter=Q(staying_close=True))
    totals = CareLeaver.objects.aggregate(**aggregates)
    result = {
        band: {k: totals[f"{band}:{k}"] for k in ("of", "eet", "suitable")} for band in AGE_BANDS
    }
    result["staying_put"] = totals["staying_put"]
    result["staying_close"] = totals["staying_close"]
    return result


# ------------------------------------------------------------------ quality


@measure(
    "Ofsted ratings",
    "The latest Ofsted overall rating recorded for each children's home open on the last day of "
    "the period.",
)
def ofsted_ratings(period: Period) -> dict:
    homes = list(
        Home.objects.open_on(period.last_day)
        .order_by("name")
        .values("name", "home_type__name", "provision", "ofsted_rating", "ofsted_rating_date")
    )
    counts = {label: 0 for label in OfstedRating.labels}
    labels = dict(OfstedRating.choices)
    for home in homes:
        home["rating"] = labels[home["ofsted_rating"]]
        counts[home["rating"]] += 1
    return {"homes": homes, "counts": counts}


@measure(
    "Regulation 44 visits on time",
    "For each of the council's own homes open for a whole calendar month of the period, whether "
    "an independent person visited during that month (regulation 44 asks for a visit at least "
    "once a month). Shown as visits on time out of visits due.",
)
def reg44_visits(period: Period) -> dict[str, int] | None:
    return _if_inspections_ready(_reg44_visits, period)


@measure(
    "Open Regulation 44 recommendations",
    "Recommendations in submitted Regulation 44 reports that were not done by the last day of "
    "the period, by age (days since the visit), and how many were past the date set for them.",
)
def reg44_recommendations(period: Period) -> dict[str, int] | None:
    return _if_inspections_ready(_reg44_recommendations, period)


def _if_inspections_ready(function, period):
    """The visits app may not be set up yet on every database; a report still comes out."""
    try:
        with transaction.atomic():
            return function(period)
    except (ImportError, DatabaseError):
        return None


def _reg44_visits(period):
    from inspections.models import Reg44Visit

    annotations, aggregates = {}, {}
    months = [
        (end.replace(day=1), end + datetime.timedelta(days=1))
        for end in period.month_ends(period.months)
    ]
    for i, (first, after) in enumerate(months):
        open_all_month = (Q(opened_on__lte=first) | Q(opened_on__isnull=True)) & (
            Q(closed_on__gte=after) | Q(closed_on__isnull=True)
        )
        annotations[f"visited_{i}"] = Exists(
            Reg44Visit.objects.current().filter(
                home=OuterRef("pk"), visit_date__gte=first, visit_date__lt=after
            )
        )
        aggregates[f"due_{i}"] = Count("id", filter=open_all_month)
        aggregates[f"done_{i}"] = Count("id", filter=open_all_month & Q(**{f"visited_{i}": True}))
    totals = (
        Home.objects.filter(provision=Provision.IN_HOUSE)
        .annotate(**annotations)
        .aggregate(**aggregates)
    )
    return {
        "due": sum(totals[f"due_{i}"] for i in range(len(months))),
        "on_time": sum(totals[f"done_{i}"] for i in range(len(months))),
    }


RECOMMENDATION_AGES = {
    "under 1 month": (0, 30),
    "1 to 3 months": (31, 91),
    "over 3 months": (92, None),
}


def _reg44_recommendations(period):
    from inspections.models import Recommendation

    day = period.last_day
    aggregates = {}
    for i, (youngest, oldest) in enumerate(RECOMMENDATION_AGES.values()):
        age = Q(visit__visit_date__lte=day - datetime.timedelta(days=youngest))
        if oldest is not None:
            age &= Q(visit__visit_date__gt=day - datetime.timedelta(days=oldest + 1))
        aggregates[f"age_{i}"] = Count("id", filter=age)
    aggregates["overdue"] = Count("id", filter=Q(due_date__lt=day))
    aggregates["open"] = Count("id")
    totals = (
        Recommendation.objects.of_current_reports()
        .filter(visit__visit_date__lte=day)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=_end_of(day)))
        .aggregate(**aggregates)
    )
    for i, label in enumerate(RECOMMENDATION_AGES):
        totals[label] = totals.pop(f"age_{i}")
    return totals
