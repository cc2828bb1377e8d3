"""The monitoring around a synthetic council's placements, written after them with COPY:
authorised stay extensions, looked-after reviews, social worker visits and placement plans over
the last year, and monthly Regulation 44 visits with their recommended actions.

Most statutory clocks run on time; a small share of intervals run late, so the checks find a
believable few overdue. Everything is worked out from the generator's rows in one pass each.
"""

import datetime
import json

from inspections.models import Recommendation, Reg44Visit
from placements.models import StayExtension
from timescales.models import LookedAfterReview, PlacementPlan, SocialWorkerVisit

from . import bulk, synthetic_903
from .seed_inspections_data import EVIDENCE, RECOMMENDATIONS

TABLES = [StayExtension, LookedAfterReview, SocialWorkerVisit, PlacementPlan, Reg44Visit,
          Recommendation]  # fmt: skip
HISTORY_DAYS = 365  # reviews, visits and plans are written for the last year
REG44_MONTHS = 24  # two years of visits, so a board report can compare with last year
LATE_SHARE = 0.05  # intervals that run past the statutory limit
OVERDUE_NOW_EVERY = 16  # one open stay in this many is overdue a social worker visit today
MISSED_VISIT_SHARE = 0.05  # home-months with no Regulation 44 visit
IRO = "Independent reviewing officer"
RECORDS = json.dumps(["incidents", "missing", "restraint", "reg40", "daily_logs"])

# Placement row positions (demo.synthetic._placement_row).
CHILD, HOME, START, END, SHORT_BREAK, TYPE = 0, 1, 3, 5, 6, 11


def _date(day: int) -> datetime.date:
    return datetime.date.fromordinal(day)


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(_date(day), datetime.time(hour), tzinfo=datetime.UTC)


def _extensions(g):
    admins = g.staff["administrator"]
    for index, extend_to, decided in g.extensions:
        row = g.placements[index]
        yield (g.placement_ids[index], _date(extend_to),
               "Family work is going well; the return home needs a little longer.", "authorised",
               g.manager_of[row[HOME]], g.rng.choice(admins), _at(decided),
               "Authorised by the head of service.")  # fmt: skip


def _stays_in_window(g):
    """(index, row, start, end) of the placements in the last year; end is exclusive (today+1
    for a placement still open)."""
    window = g.today - HISTORY_DAYS
    for index, row in enumerate(g.placements):
        end = row[END].toordinal() if row[END] else g.today + 1
        if end > window and not row[SHORT_BREAK]:
            yield index, row, row[START].toordinal(), end


def _gap(rng, low, high, late_by):
    """An interval inside the limit, now and then one that runs late."""
    if rng.random() < LATE_SHARE:
        return high + rng.randint(*late_by)
    return rng.randint(low, high)


def _visits(g, worker_of):
    """Within a week of each placement, then every 4-6 weeks (a placement meant to last until
    18: every 2-3 months after its first year). Every OVERDUE_NOW_EVERY-th open stay has had no
    visit for over three months, so some visits are overdue today whatever day that is."""
    rng, window = g.rng, g.today - HISTORY_DAYS
    open_stays = 0
    for _, row, start, end in _stays_in_window(g):
        long_term = row[TYPE] in ("U1", "U4")
        last_day = min(end - 1, g.today)
        if end > g.today:
            open_stays += 1
            if open_stays % OVERDUE_NOW_EVERY == 0:
                last_day = g.today - 95 - rng.randint(0, 20)
        day = start + rng.randint(1, 6)
        while day <= last_day:
            if day >= window:
                yield (row[CHILD], _date(day), rng.random() < 0.8, worker_of[row[CHILD]])
            settled = long_term and day >= start + 365
            day += _gap(rng, 60, 88, (5, 40)) if settled else _gap(rng, 28, 41, (3, 30))


def _reviews(g, worker_of):
    """First within 20 working days of coming into care, then within 3 months, then 6; each
    with how the child took part."""
    rng, window = g.rng, g.today - HISTORY_DAYS
    born = {kid["id"]: kid["born"] for kid in g.kids}
    for child, _, start, end in g.legal:
        last = min(end - 1 if end else g.today, g.today)
        day, held = start + rng.randint(12, 26), 0
        while day <= last:
            if day >= window:
                code = synthetic_903.participation(g, born[child], day)
                yield (child, _date(day), IRO, worker_of[child], code)
            held += 1
            day += _gap(rng, 70, 88, (5, 40)) if held == 1 else _gap(rng, 150, 178, (5, 60))


def _plans(g, worker_of):
    """A plan before most placements; emergency ones within a week; a few still missing."""
    rng = g.rng
    for index, row, start, _ in _stays_in_window(g):
        chance = rng.random()
        if chance < 0.01:
            continue
        completed = start + rng.randint(1, 6) if chance < 0.2 else start - rng.randint(0, 14)
        completed = min(completed, g.today)
        yield (g.placement_ids[index], _date(completed), row[TYPE] in ("U1", "U4"),
               worker_of[row[CHILD]])  # fmt: skip


def _reg44_visits(g):
    """(visit row, visit day) for each in-house home and month it was open, most on time."""
    rng = g.rng
    month = _date(g.today).replace(day=1)
    months = []
    for _ in range(REG44_MONTHS):
        months.append(month.toordinal())
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    for home in g.in_house:
        for first in months:
            day = first + rng.randint(2, 25)
            if first < home.from_day or day >= g.today or rng.random() < MISSED_VISIT_SHARE:
                continue
            submitted = day + (rng.randint(1, 10) if rng.random() > 0.05 else rng.randint(15, 30))
            draft = submitted >= g.today
            yield (home.id, g.visitor_of[home.id], _date(day), rng.random() < 0.3, RECORDS,
                   "", "yes", "Children are effectively safeguarded.", "yes",
                   "The home's conduct promotes children's well-being.", "",
                   "draft" if draft else "submitted", 1, None, None, "",
                   None if draft else _at(submitted), None, None, "", None, ""), day  # fmt: skip


def _recommendations(g, visits):
    """Up to two actions per submitted report; nearly all of those due are done, with evidence."""
    rng = g.rng
    for visit_id, row, day in visits:
        if row[11] != "submitted":
            continue
        for _ in range(rng.choice([0, 1, 1, 2])):
            standard, text = rng.choice(RECOMMENDATIONS)
            due = day + rng.randint(28, 56)
            done = min(due - rng.randint(0, 20), g.today - 1)
            finished = done > day and rng.random() < (0.97 if due < g.today else 0.5)
            manager = g.manager_of[row[0]]
            yield (visit_id, text, standard, "Registered manager", _date(due), None,
                   "Done." if finished else "", manager if finished else None,
                   _at(done, 15) if finished else None, _at(done, 15) if finished else None,
                   rng.choice(EVIDENCE) if finished else "")  # fmt: skip


def write(g) -> dict:
    worker_of = {kid["id"]: kid["social_worker"] for kid in g.kids}
    counts = {
        "stay extensions": bulk.insert(
            StayExtension,
            ["placement_id", "extend_to", "reason", "status", "requested_by_id", "decided_by_id",
             "decided_at", "decision_note"],
            _extensions(g),
        ),
        "reviews": bulk.insert(
            LookedAfterReview,
            ["child_id", "held_on", "chaired_by", "recorded_by_id", "participation"],
            _reviews(g, worker_of),
        ),
        "visits": bulk.insert(
            SocialWorkerVisit, ["child_id", "visited_on", "seen_alone", "visited_by_id"],
            _visits(g, worker_of),
        ),
        "placement plans": bulk.insert(
            PlacementPlan, ["placement_id", "completed_on", "lasts_until_18", "recorded_by_id"],
            _plans(g, worker_of),
        ),
    }  # fmt: skip
    rows = list(_reg44_visits(g))
    ids = bulk.next_ids(Reg44Visit, len(rows))
    visits = [(pk, row, day) for pk, (row, day) in zip(ids, rows, strict=True)]
    counts["reg 44 visits"] = bulk.insert(
        Reg44Visit,
        ["id", "home_id", "visitor_id", "visit_date", "announced", "records_examined",
         "records_notes", "children_safeguarded", "safeguarding_opinion", "promotes_wellbeing",
         "wellbeing_opinion", "conflict_of_interest", "status", "version_number", "original_id",
         "corrects_id", "correction_reason", "submitted_at", "signed_off_by_id", "signed_off_at",
         "report_pdf", "sent_at", "sent_to"],
        ((pk, *row) for pk, row, _ in visits),
    )  # fmt: skip
    counts["reg 44 actions"] = bulk.insert(
        Recommendation,
        ["visit_id", "text", "standard", "owner", "due_date", "copied_from_id",
         "manager_response", "responded_by_id", "responded_at", "done_at", "evidence"],
        _recommendations(g, visits),
    )  # fmt: skip
    return counts
