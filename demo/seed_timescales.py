"""The demo's statutory clocks: looked-after reviews, social worker visits and placement plans.

Each period of care gets reviews at believable intervals inside the statutory limits, and each
placement visits inside its interval, so most clocks run on time. A few children are set to be
due soon or overdue (the "review" and "visit" keys in seed_data.CHILDREN): their last review or
visit is moved so the next one falls due just ahead of today or just behind it.

There is no service for these records (they are entered by hand in the admin), so they are
written here directly, all in three inserts.
"""

import datetime

from audit import capture as audit
from core.dates import add_working_days, today
from placements.models import Placement
from timescales.calendar import add_months
from timescales.checks.reviews import LATER_REVIEW_MONTHS, SECOND_REVIEW_MONTHS
from timescales.checks.visits import FIRST_YEAR_DAYS, LONG_TERM_MONTHS, SHORT_INTERVAL
from timescales.models import LookedAfterReview, PlacementPlan, SocialWorkerVisit

from .seed_903 import participation

DAY = datetime.timedelta(days=1)
IROS = ["Janet Moorhouse (IRO)", "Kwame Asante (IRO)", "Ruth Ellison (IRO)"]
# How far from today the next review or visit falls due for a child set to be "soon" or "overdue".
DUE_SHIFT = {"soon": (2, 6), "overdue": (-15, -4)}


def _care_periods(placements):
    """(start, last day, placements) for each unbroken run of a child's placements."""
    periods = []
    for placement in placements:
        if periods and periods[-1][1] == placement.start_date:
            start, _, run = periods[-1]
            periods[-1] = (start, placement.end_date, run + [placement])
        else:
            periods.append((placement.start_date, placement.end_date, [placement]))
    return [
        (start, min(end - DAY if end else today(), today()), run) for start, end, run in periods
    ]


def _review_days(became, until, rng) -> list[datetime.date]:
    """Reviews held a little before each limit: 20 working days, then 3 months, then 6."""
    held = []
    day = add_working_days(became, rng.randint(10, 18))
    while day <= until:
        held.append(day)
        months = SECOND_REVIEW_MONTHS if len(held) == 1 else LATER_REVIEW_MONTHS
        gap = (add_months(day, months) - day).days
        day += DAY * int(gap * rng.uniform(0.8, 0.95))
    return held


def _move_last(held, last, earliest) -> list[datetime.date]:
    """Replace the latest records with one on `last`, keeping the earlier ones apart from it."""
    kept = [d for d in held if d < last - 14 * DAY]
    return kept + [last] if kept and last >= earliest else held


def _reviews(child, period_start, until, state, rng, by):
    held = _review_days(period_start, until, rng)
    if state and len(held) >= 2:
        due = today() + DAY * rng.randint(*DUE_SHIFT[state])
        held = _move_last(held, add_months(due, -LATER_REVIEW_MONTHS), period_start)
    return [
        LookedAfterReview(
            child=child,
            held_on=day,
            chaired_by=rng.choice(IROS),
            recorded_by=by,
            participation=participation(child, day),
        )
        for day in held
    ]


def _lasts_until_18(placement) -> bool:
    return placement.placement_type in ("U1", "U4")


def _visit_days(placement, until, rng) -> list[datetime.date]:
    """Within a week of the start, then every 4-6 weeks (every 2-3 months for a placement meant
    to last until 18, once it is a year old)."""
    start = placement.start_date
    held, day = [], start + DAY * rng.randint(1, 6)
    while day <= until:
        held.append(day)
        settled = _lasts_until_18(placement) and day >= start + DAY * FIRST_YEAR_DAYS
        day += DAY * (rng.randint(60, 85) if settled else rng.randint(28, 40))
    return held


def _visits(placement, until, state, rng, by):
    held = _visit_days(placement, until, rng)
    if state and held:
        due = today() + DAY * rng.randint(*DUE_SHIFT[state])
        settled = (
            _lasts_until_18(placement) and held[-1] >= placement.start_date + DAY * FIRST_YEAR_DAYS
        )
        last = add_months(due, -LONG_TERM_MONTHS) if settled else due - SHORT_INTERVAL
        held = _move_last(held, last, placement.start_date)
    return [
        SocialWorkerVisit(child=placement.child, visited_on=day, seen_alone=rng.random() < 0.8,
                          visited_by=by)
        for day in held
    ]  # fmt: skip


def _plan(placement, rng, by):
    """Planned moves have a plan before they start; emergency arrivals (Safe Space, temporary
    kinship approval) get one within the five working days."""
    emergency = placement.home_id is None and placement.carer.approval_ends_on is not None
    emergency |= placement.home is not None and placement.home.home_type.code == "safe-space"
    completed = (
        add_working_days(placement.start_date, rng.randint(1, 4))
        if emergency
        else placement.start_date - DAY * rng.randint(1, 10)
    )
    return PlacementPlan(placement=placement, completed_on=completed,
                         lasts_until_18=_lasts_until_18(placement), recorded_by=by)  # fmt: skip


def create_clocks(children_by_name, specs, admin, rng):
    """Reviews, visits and plans for every placement of the demo children."""
    placements = (
        Placement.objects.live()
        .filter(child__in=children_by_name.values(), is_short_break=False)
        .select_related("child", "home__home_type", "carer")
        .order_by("child_id", "start_date")
    )
    by_child = {}
    for placement in placements:
        by_child.setdefault(placement.child_id, []).append(placement)
    reviews, visits, plans = [], [], []
    for spec in specs:
        child = children_by_name[" ".join(spec["name"])]
        worker = child.social_worker or admin
        for start, until, run in _care_periods(by_child.get(child.pk, [])):
            current = run[-1].end_date is None
            reviews += _reviews(child, start, until, current and spec.get("review"), rng, worker)
            for placement in run:
                end = placement.end_date - DAY if placement.end_date else today()
                state = placement.end_date is None and spec.get("visit")
                visits += _visits(placement, min(end, until), state, rng, worker)
                plans.append(_plan(placement, rng, worker))
    for model, rows in (
        (LookedAfterReview, reviews),
        (SocialWorkerVisit, visits),
        (PlacementPlan, plans),
    ):
        audit.created(model, [row.pk for row in model.objects.bulk_create(rows)])
