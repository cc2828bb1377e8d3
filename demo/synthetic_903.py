"""The synthetic council's SSDA903 content beyond stays, written with COPY after them: each
child's social worker episode, missing episodes from homes (a few children missing now), OC2
outcomes for children looked after all last year (and this year, ahead), previous permanence
for every period of care, decisions to place for adoption, and care leavers' keeping-in-touch history
on their 17th to 21st birthdays. Review participation codes and UASC children are written with
the reviews and the children (`participation`, `uasc`). A separate random stream keeps the rest
of the council as it was."""

import datetime
import random

from careleavers.models import CareLeaver, KeepingInTouch
from children.models import SocialWorkerEpisode
from core import codes
from placements.models import AdoptionDecision, MissingEpisode, PreviousPermanence
from placements.permanence import ADOPTED
from timescales.models import LookedAfterOutcomes
from timescales.outcomes import year_endings

from . import bulk
from .synthetic_tables import P_CEASED, P_TYPE, age_on, as_date, nth_birthday

TABLES = [SocialWorkerEpisode, MissingEpisode, LookedAfterOutcomes, KeepingInTouch,
          PreviousPermanence, AdoptionDecision]  # fmt: skip
MISSING_SHARE = 0.12  # of stays in homes in the last two years with a missing episode
MISSING_NOW_SHARE = 0.06  # of children living in homes today who are missing now
UASC_SHARE = 0.05  # of teenagers coming into care
# Placement row positions (demo.synthetic_stays._placement_row).
CHILD, HOME, START, END, SHORT_BREAK = 0, 1, 3, 5, 6
SPEAKS = [("PN1", 45), ("PN2", 8), ("PN3", 6), ("PN4", 6), ("PN5", 10), ("PN6", 15), ("PN7", 10)]


def stream(g) -> random.Random:
    if not hasattr(g, "rng903"):
        g.rng903 = random.Random(g.o.seed + 903)
    return g.rng903


def participation(g, born: datetime.date, day: int) -> str:
    """How the child took part in a review held on `day` (PN0 for the under-4s)."""
    if age_on(born, day) < 4:
        return "PN0"
    codes_, weights = zip(*SPEAKS, strict=True)
    return stream(g).choices(codes_, weights)[0]


def uasc(g, kid) -> tuple[bool, datetime.date | None]:
    """A few teenagers who came into care alone are unaccompanied asylum seekers; their status
    ends on their 18th birthday (or earlier, with leave to remain)."""
    start = kid.get("episode_start")
    if start is None or age_on(kid["born"], start) < 14 or stream(g).random() >= UASC_SHARE:
        return False, None
    eighteen = nth_birthday(kid["born"], 18)
    return True, (datetime.date.fromordinal(eighteen) if eighteen <= g.today else None)


def _sw_episodes(g):
    firsts = {}
    for child, _, start, _ in g.legal:
        firsts[child] = min(start, firsts.get(child, start))
    for kid in g.kids:
        first = firsts.get(kid["id"])
        started = first if first is not None else g.today - stream(g).randint(30, 700)
        yield (kid["id"], kid["social_worker"], datetime.date.fromordinal(min(started, g.today)),
               None, "FCONTA")  # fmt: skip


def _missing_now(g, rng) -> set[int]:
    """Which current stays in homes have their child missing now: a share of them, at least one,
    so that the occupancy board and My work show a missing child whatever the date."""
    current = [
        index for index, row in enumerate(g.placements)
        if row[HOME] is not None and not row[SHORT_BREAK] and row[END] is None
        and g.today - row[START].toordinal() >= 3
    ]  # fmt: skip
    count = min(len(current), max(1, round(len(current) * MISSING_NOW_SHARE)))
    return set(rng.sample(current, count))


def _missing(g):
    rng, window = stream(g), g.today - 730
    tz = datetime.UTC
    missing_now = _missing_now(g, rng)
    for index, row in enumerate(g.placements):
        if row[HOME] is None or row[SHORT_BREAK]:
            continue
        start = row[START].toordinal()
        end = row[END].toordinal() if row[END] else g.today
        still_missing = index in missing_now
        if end - max(start, window) < 3 or not still_missing and rng.random() >= MISSING_SHARE:
            continue
        day = rng.randint(max(start, window), end - 2)
        went = datetime.datetime.combine(datetime.date.fromordinal(day), datetime.time(
            rng.randint(16, 23), rng.choice([0, 15, 30, 45])), tzinfo=tz)  # fmt: skip
        if still_missing:
            went = datetime.datetime.combine(datetime.date.fromordinal(g.today - 1),
                                             datetime.time(21), tzinfo=tz)  # fmt: skip
        left = datetime.datetime.combine(datetime.date.fromordinal(end), datetime.time(), tzinfo=tz)
        back = (
            None
            if still_missing
            else min(went + datetime.timedelta(hours=rng.randint(2, 40)), left)
        )
        yield (row[CHILD], g.placement_ids[index], rng.choice("MMMA"), went, back, "")


def _outcomes(g):
    """OC2 for the year to last 31 March and the year to the next (recorded ahead, as the form
    allows), for every child looked after all of it."""
    for ending in year_endings(datetime.date.fromordinal(g.today)):
        yield from _outcomes_of(g, ending)


def _outcomes_of(g, ending: datetime.date):
    rng = stream(g)
    first = datetime.date(ending.year - 1, 4, 1).toordinal()
    born = {kid["id"]: kid["born"] for kid in g.kids}
    for child, status, start, end in g.legal:
        if status in codes.SHORT_BREAK_LEGAL_STATUSES or start > first:
            continue
        if end is not None and end < ending.toordinal():  # ceasing on 31 March still counts
            continue
        age = age_on(born[child], ending.toordinal())
        four, seventeen = nth_birthday(born[child], 4), nth_birthday(born[child], 17)
        needs_sdq = four <= ending.toordinal() and seventeen >= first
        misuse = age >= 13 and rng.random() < 0.08
        received = rng.random() < 0.7 if misuse else None
        yield (child, ending, rng.randint(5, 25) if needs_sdq else None, "",
               (rng.random() < 0.06) if age >= 10 else None, (rng.random() < 0.95) if age < 5 else None,
               rng.random() < 0.9, rng.random() < 0.85, rng.random() < 0.9, misuse, received,
               (rng.random() < 0.8) if received is False else None)  # fmt: skip


def _previous_permanence(g):
    """For every period of care: mostly none (Z1); now and then a special guardianship order
    made by Leeds a few years before."""
    rng = stream(g)
    for child, _, start, _ in g.legal:
        if rng.random() < 0.08:
            yield (child, as_date(start), "P2", "383", as_date(start - rng.randint(400, 1500)))
        else:
            yield (child, as_date(start), "Z1", "", None)


def _adoption_decisions(g):
    """A decision to place for adoption for each period of care under a placement order (E1)
    or that ended in adoption, made when the period began; it ends with the period: adopted,
    or the plan changed (RD1). The match is made a month after the decision, or when the
    adoptive placement began if sooner (DfE rule 331)."""
    last_stay = {(row[CHILD], row[END]): row for row in g.placements if row[END]}
    for child, status, start, end in g.legal:
        stay = last_stay.get((child, as_date(end))) if end is not None else None
        reason = stay[P_CEASED] if stay else None
        adopted = reason in ADOPTED
        if status != "E1" and not adopted:
            continue
        matched = min(as_date(start + 30), stay[START]) if adopted else None
        # adopted by the foster carer they were placed with (A3), or by others (A4): rule 335
        by_foster_carer = stay[P_TYPE] in ("A2", "A3", "A5") if adopted else None
        yield (child, as_date(start), matched,
               as_date(end), reason if adopted else "RD1" if end is not None else "",
               by_foster_carer, 2 if adopted else None, "MF" if adopted else "",
               "L11" if adopted else "")  # fmt: skip


def _care_leavers(g) -> dict[int, int]:
    """Each care leaver's id by their child's id."""
    return dict(
        CareLeaver.objects.filter(child_id__in=[k["id"] for k in g.kids]).values_list(
            "child_id", "pk"
        )
    )


def _in_touch(g, leaver_of: dict[int, int]):
    rng = stream(g)
    for kid in g.kids:
        if kid["id"] not in leaver_of:
            continue
        for age in range(17, 22):
            birthday = nth_birthday(kid["born"], age)
            if birthday > g.today:
                break
            touch = "YES" if rng.random() < 0.88 else rng.choice(["NO", "REFU", "NREQ"])
            known = touch == "YES"
            place = rng.choice("DEUZBK") if age >= 18 else rng.choice("DEBC")
            yield (leaver_of[kid["id"]], datetime.date.fromordinal(birthday), touch,
                   rng.choice(["F2", "F5", "F1", "P5", "G5", "G4"]) if known else "0",
                   f"{place}{1 if rng.random() < 0.9 else 2}" if known else "0")  # fmt: skip


def write(g) -> dict:
    leaver_of = _care_leavers(g)  # read before the COPYs: their rows are made as they are read
    return {
        "social worker episodes": bulk.insert(
            SocialWorkerEpisode,
            ["child_id", "social_worker_id", "start_date", "end_date", "reason"],
            _sw_episodes(g),
        ),
        "missing episodes": bulk.insert(
            MissingEpisode,
            ["child_id", "placement_id", "kind", "started_at", "ended_at", "note"],
            _missing(g),
        ),
        "OC2 outcomes": bulk.insert(
            LookedAfterOutcomes,
            [
                "child_id",
                "year_ending",
                "sdq_score",
                "sdq_reason",
                "convicted",
                "health_check",
                "immunisations",
                "teeth_check",
                "health_assessment",
                "substance_misuse",
                "intervention_received",
                "intervention_offered",
            ],
            _outcomes(g),
        ),  # fmt: skip
        "previous permanence": bulk.insert(
            PreviousPermanence,
            ["child_id", "care_started_on", "order", "order_council", "order_date"],
            _previous_permanence(g),
        ),
        "adoption decisions": bulk.insert(
            AdoptionDecision,
            [
                "child_id",
                "decided_on",
                "matched_on",
                "ceased_on",
                "ceased_reason",
                "by_foster_carer",
                "adopters",
                "adopters_sex",
                "adopters_legal_status",
            ],
            _adoption_decisions(g),
        ),  # fmt: skip
        "keeping in touch": bulk.insert(
            KeepingInTouch,
            ["care_leaver_id", "as_at", "in_touch", "activity", "accommodation"],
            _in_touch(g, leaver_of),
        ),
    }
