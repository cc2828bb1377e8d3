"""Reading homes' beds from the ledger: occupancy on a day, vacancies over a period, and who
lives in a home.

Every function here runs a fixed number of queries whatever the number of homes or stays:
rows are fetched for all homes at once and grouped in Python, or counted in the database (the
busiest day of each home's period, `core.intervals.peaks`). The beds of every home are
counted from its id and number of beds alone; the homes themselves are fetched for the rows
shown (`with_homes`): making 1,000 homes into objects costs ten times what counting does.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, Sum, Value
from django.db.models.functions import Coalesce

from core.intervals import peaks
from homes.models import BedBlock, Home

from .missing import missing_from_homes
from .models import Placement

LOOK_AHEAD_DAYS = 14
FEW_HOMES = 50  # beds_on names this many homes or fewer by their ids


@dataclass
class HomeOccupancy:
    home_id: int
    beds: int
    home: Home | None = None  # fetched for the rows shown (with_homes)
    occupied: int = 0
    blocked: int = 0
    next_planned_end: datetime.date | None = None  # a recorded move or end, else a planned end
    arrivals: list = field(default_factory=list)  # placements starting in the look-ahead
    departures: list = field(default_factory=list)  # placements ending in the look-ahead
    missing: list = field(default_factory=list)  # children missing from the home now

    @property
    def free(self) -> int:
        return max(self.beds - self.occupied - self.blocked, 0)

    @property
    def over_capacity(self) -> bool:
        return self.occupied + self.blocked > self.beds


def occupancy(homes, day: datetime.date) -> list[HomeOccupancy]:
    """Beds occupied, blocked and free in each home open on `day`, by name, with the next two
    weeks' arrivals and departures and the children missing from it now. `homes` is a queryset
    of the homes to show."""
    rows = beds_on(homes.open_on(day).order_by("name"), day)
    return with_look_ahead(with_homes(rows), day)


def beds_on(homes, day: datetime.date) -> list[HomeOccupancy]:
    """Each home's beds occupied and blocked on `day` and its next leaving (a recorded move or
    end, else a planned end), in the order of the queryset `homes`: two grouped queries over
    the day's stays and blocks, however many homes. (A subquery per home costs more: each one
    looks through every open stay again.)"""
    rows = {
        pk: HomeOccupancy(home_id=pk, beds=beds) for pk, beds in homes.values_list("pk", "beds")
    }
    # A few homes (a manager's) as a list of ids: PostgreSQL then reads just their open stays
    # (open_stays_by_home); given a subquery it reads every stay each home has ever had (at
    # regional size 2 ms for four homes, against 0.2 ms). Many homes as a subquery: a thousand
    # ids cost more to send than to count.
    chosen = list(rows) if len(rows) <= FEW_HOMES else homes.values("pk")
    for row in (
        Placement.objects.in_homes(chosen)
        .active_on(day)
        .values("home_id")
        .annotate(n=Count("id"), next_end=Min(Coalesce("end_date", "planned_end_date")))
    ):
        rows[row["home_id"]].occupied = row["n"]
        rows[row["home_id"]].next_planned_end = row["next_end"]
    for row in (
        BedBlock.objects.filter(home_id__in=chosen)
        .active_on(day)
        .values("home_id")
        .annotate(n=Sum("beds"))
    ):
        rows[row["home_id"]].blocked = row["n"]
    return list(rows.values())


def home_today(home: Home, day: datetime.date) -> HomeOccupancy | None:
    """One home's beds on `day` and the children missing from it now, for its own page (None
    when it is not open that day): four queries, without the board's look-ahead."""
    rows = beds_on(Home.objects.filter(pk=home.pk).open_on(day), day)
    if not rows:
        return None
    [row] = rows
    row.home = home
    row.missing = missing_from_homes([home.pk]).get(home.pk, [])
    return row


def bed_totals(rows: list[HomeOccupancy]) -> dict:
    return {
        "beds": sum(r.beds for r in rows),
        "occupied": sum(r.occupied for r in rows),
        "blocked": sum(r.blocked for r in rows),
        "free": sum(r.free for r in rows),
    }


def with_homes(rows: list):
    """The rows (HomeOccupancy or Vacancy) with their homes, type and area: one query."""
    homes = (
        Home.objects.with_area().select_related("home_type").in_bulk([row.home_id for row in rows])
    )
    for row in rows:
        row.home = homes[row.home_id]
    return rows


def with_look_ahead(rows: list[HomeOccupancy], day: datetime.date) -> list[HomeOccupancy]:
    """The rows, each with the stays arriving and leaving in the next two weeks (stays
    starting, moves and ends recorded ahead: a planned move is a departure from one home and an
    arrival at the next, and planned end dates) and the children missing from it now: two
    queries."""
    by_home = {row.home_id: row for row in rows}
    for home_id, episodes in missing_from_homes(by_home).items():
        by_home[home_id].missing = episodes
    window_end = day + datetime.timedelta(days=LOOK_AHEAD_DAYS)
    in_window = Q(start_date__gt=day, start_date__lte=window_end) | Q(
        end_date__gt=day, end_date__lte=window_end
    )
    planned_in_window = Q(
        end_date__isnull=True, planned_end_date__gt=day, planned_end_date__lte=window_end
    )
    for stay in (
        Placement.objects.in_homes(list(by_home))
        .live()
        .filter(in_window | planned_in_window)
        .select_related("child")
        .order_by("start_date", "id")
    ):
        row = by_home[stay.home_id]
        if day < stay.start_date <= window_end:
            row.arrivals.append(stay)
        leaving = stay.end_date or stay.planned_end_date
        if leaving and day < leaving <= window_end:
            row.departures.append(stay)
    return rows


@dataclass
class Vacancy:
    home_id: int
    free_beds: int  # beds free on every day of the period
    home: Home | None = None  # fetched for the rows shown (with_homes)


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
    chosen = candidates.values("pk")  # a subquery (see beds_on)
    # Each home's beds, in the order given (by name unless the caller sorted them otherwise).
    candidates = dict(candidates.values_list("pk", "beds"))

    in_use = peaks(
        [
            Placement.objects.in_homes(chosen)
            .overlapping(start, end)
            .annotate(weight=Value(1))
            .values_list("home_id", "start_date", "end_date", "weight"),
            BedBlock.objects.filter(home_id__in=chosen)
            .overlapping(start, end)
            .values_list("home_id", "start_date", "end_date", "beds"),
        ],
        start,
        end,
    )
    found = []
    for pk, beds in candidates.items():
        free = beds - in_use.get(pk, 0)
        if free > 0:
            found.append(Vacancy(home_id=pk, free_beds=free))
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
