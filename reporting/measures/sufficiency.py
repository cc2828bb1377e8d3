"""Sufficiency and occupancy: beds, bed-nights used, blocks, homes under capacity, vacancies."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Count,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from core.dates import today
from homes.models import BedBlock, Home, Provision

from ..periods import Period
from .common import (
    UNDER_CAPACITY_BELOW,
    count_nights,
    days_in,
    home_stays,
    homes_open_during,
    measure,
    weighted,
)


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
        homes_open_during(period)
        .values("home_type__name")
        .annotate(n=Sum(weighted("beds", days_in(period, "opened_on", "closed_on", True))))
    )
    occupied = (
        home_stays()
        .overlapping(period.start, period.end)
        .values("home__home_type__name")
        .annotate(n=Sum(days_in(period, "start_date", "end_date")))
    )
    blocked = (
        BedBlock.objects.overlapping(period.start, period.end)
        .values("home__home_type__name")
        .annotate(n=Sum(weighted("beds", days_in(period, "start_date", "end_date"))))
    )
    for key, rows, name in (
        ("available", available, "home_type__name"),
        ("occupied", occupied, "home__home_type__name"),
        ("blocked", blocked, "home__home_type__name"),
    ):
        for row in rows:
            totals[row[name]][key] += count_nights(row["n"])
            totals["all"][key] += count_nights(row["n"])
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
        .annotate(n=Sum(weighted("beds", days_in(period, "start_date", "end_date"))))
    )
    nights = external_nights = 0
    cost = Decimal("0")
    for row in rows:
        n = count_nights(row["n"])
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
        for row in homes_open_during(period)
        .values("id", "name")
        .annotate(available=Sum(weighted("beds", days_in(period, "opened_on", "closed_on", True))))
    }
    used = dict(
        home_stays()
        .overlapping(period.start, period.end)
        .values("home_id")
        .annotate(n=Sum(days_in(period, "start_date", "end_date")))
        .values_list("home_id", "n")
    )
    below = sorted(
        row["name"]
        for home_id, row in homes.items()
        if count_nights(used.get(home_id)) < UNDER_CAPACITY_BELOW * count_nights(row["available"])
    )
    return {"count": len(below), "of": len(homes), "homes": below}


@measure(
    "Vacancies today",
    "Beds free today in open homes: registered beds less the children living there and the "
    "beds blocked. Shown for the day the report was made, whatever the period.",
)
def vacancies_today() -> dict[str, int]:
    day = today()
    living_there = Q(placements__entered_in_error=False, placements__start_date__lte=day) & (
        Q(placements__end_date__isnull=True) | Q(placements__end_date__gt=day)
    )
    blocks = (
        BedBlock.objects.active_on(day)
        .filter(home=OuterRef("pk"))
        .values("home")
        .annotate(n=Sum("beds"))
        .values("n")
    )
    # One grouped query: each open home with the children living there today (a join on the
    # stays open today, not a subquery per home) and its beds blocked today (few rows a home).
    homes = (
        Home.objects.open_on(day)
        .annotate(today=FilteredRelation("placements", condition=living_there))
        .values("id", "home_type__name", "beds")
        .annotate(occupied=Count("today"), blocked=Coalesce(Subquery(blocks), 0))
        .order_by()
    )
    result: dict[str, int] = defaultdict(int)
    for home in homes:
        # An over-full home has no free bed; it does not cancel another home's vacancy.
        free = max(home["beds"] - home["occupied"] - home["blocked"], 0)
        result[home["home_type__name"]] += free
        result["all"] += free
    return dict(result)
