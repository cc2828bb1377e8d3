"""Reading homes' beds: occupancy on a day and vacancies over a period.

Every function here runs a fixed number of queries whatever the number of homes or stays:
rows are fetched for all homes at once and grouped in Python.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Sum

from core.intervals import peak
from placements.models import Placement

from .models import BedBlock, Home

LOOK_AHEAD_DAYS = 14


@dataclass
class HomeOccupancy:
    home: Home
    occupied: int = 0
    blocked: int = 0
    next_planned_end: datetime.date | None = None
    arrivals: list = field(default_factory=list)  # placements starting in the look-ahead
    departures: list = field(default_factory=list)  # placements ending in the look-ahead

    @property
    def beds(self) -> int:
        return self.home.beds

    @property
    def free(self) -> int:
        return max(self.home.beds - self.occupied - self.blocked, 0)

    @property
    def over_capacity(self) -> bool:
        return self.occupied + self.blocked > self.home.beds


def occupancy(homes, day: datetime.date) -> list[HomeOccupancy]:
    """Beds occupied, blocked and free in each home on `day`, with the next two weeks'
    arrivals and departures. `homes` is a queryset of the homes to show (already filtered)."""
    rows = {
        home.pk: HomeOccupancy(home=home)
        for home in homes.open_on(day).select_related("home_type").order_by("name")
    }
    stays = Placement.objects.filter(home_id__in=list(rows))
    for row in (
        stays.active_on(day)
        .values("home_id")
        .annotate(n=Count("id"), next_end=Min("planned_end_date"))
    ):
        rows[row["home_id"]].occupied = row["n"]
        rows[row["home_id"]].next_planned_end = row["next_end"]
    for row in (
        BedBlock.objects.filter(home_id__in=list(rows))
        .active_on(day)
        .values("home_id")
        .annotate(n=Sum("beds"))
    ):
        rows[row["home_id"]].blocked = row["n"]

    window_end = day + datetime.timedelta(days=LOOK_AHEAD_DAYS)
    in_window = Q(start_date__gt=day, start_date__lte=window_end) | Q(
        end_date__gt=day, end_date__lte=window_end
    )
    planned_in_window = Q(
        end_date__isnull=True, planned_end_date__gt=day, planned_end_date__lte=window_end
    )
    for stay in (
        stays.live()
        .filter(in_window | planned_in_window)
        .select_related("child")
        .order_by("start_date", "id")
    ):
        row = rows[stay.home_id]
        if day < stay.start_date <= window_end:
            row.arrivals.append(stay)
        leaving = stay.end_date or stay.planned_end_date
        if leaving and day < leaving <= window_end:
            row.departures.append(stay)
    return list(rows.values())


@dataclass
class Vacancy:
    home: Home
    free_beds: int  # beds free on every day of the period


def vacancies(
    start: datetime.date,
    end: datetime.date | None,
    *,
    home_type=None,
    age: int | None = None,
    homes=None,
) -> list[Vacancy]:
    """Open homes with at least one bed free on every day of [start, end) (end None: open)."""
    candidates = (homes if homes is not None else Home.objects.all()).open_on(start)
    if end is not None:
        candidates = candidates.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=end))
    if home_type is not None:
        candidates = candidates.filter(home_type=home_type)
    if age is not None:
        candidates = candidates.filter(home_type__min_age__lte=age, home_type__max_age__gte=age)
    candidates = {h.pk: h for h in candidates.select_related("home_type").order_by("name")}

    in_use = defaultdict(list)
    for home_id, s, e in (
        Placement.objects.filter(home_id__in=list(candidates))
        .overlapping(start, end)
        .values_list("home_id", "start_date", "end_date")
    ):
        in_use[home_id].append((s, e, 1))
    for home_id, s, e, beds in (
        BedBlock.objects.filter(home_id__in=list(candidates))
        .overlapping(start, end)
        .values_list("home_id", "start_date", "end_date", "beds")
    ):
        in_use[home_id].append((s, e, beds))

    found = []
    for pk, home in candidates.items():
        free = home.beds - peak(in_use[pk], start, end)
        if free > 0:
            found.append(Vacancy(home=home, free_beds=free))
    return found


def nameable_children(user, placements) -> set[int]:
    """Ids of the children in `placements` whose names this person may see (one query);
    everyone else sees counts only."""
    from accounts.access import children_visible_to

    ids = {p.child_id for p in placements}
    if not ids:
        return set()
    return set(children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def home_residents(home: Home, day: datetime.date):
    """The stays in the home on `day`, with their child and unit."""
    return list(
        Placement.objects.filter(home=home)
        .active_on(day)
        .select_related("child", "unit")
        .order_by("start_date", "id")
    )
