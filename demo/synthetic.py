"""A synthetic council of any size whose ledger obeys every placement rule.

The per-row services are far too slow for a million placements, so the generator keeps the rules
itself: it walks through time once, in date order, and hands out places from heaps of the days
each bed or carer's place is next free. Because requests arrive in date order, a bed whose free
day has come is free from then on, so capacity (beds minus blocks, a carer's approved places) can
never be exceeded; each child has one place at a time because their next stay starts only when
the last one ends; ages, stay limits and approval dates are checked before a place is given.
"""

import datetime
import heapq
import itertools
import math
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from accounts.models import Role, User
from careleavers.models import CareLeaver
from carers.models import CarerHousehold, CarerType
from children.models import Child, LegalStatusRecord
from core import postcodes
from core.dates import today
from homes.models import BedBlock, Home, HomeType
from placements.models import Outcome, Placement

from . import bulk, names, places
from . import synthetic_monitoring as monitoring

# How many homes of each type there are, relative to each other.
HOME_TYPE_WEIGHTS = {
    "residential": 30, "small-group": 10, "safe-space": 7, "wraparound": 7, "towards-home": 10,
    "mst": 5, "complex-needs": 18, "interdependence": 6, "secure": 3,
}  # fmt: skip
CARER_TYPE_WEIGHTS = {"foster": 62, "kinship": 18, "agency": 13, "supported_lodgings": 7}


def _weighted(pairs):
    """(keys, cumulative weights) for fast repeated random choices."""
    keys, weights = zip(*pairs, strict=True)
    return keys, list(itertools.accumulate(weights))


def _pick(rng, table):
    return rng.choices(table[0], cum_weights=table[1])[0]


# Where a looked-after child goes next, by age band: (kind, weight). Kinds are carer types or
# home type codes; "respite" is a short stay at a Wraparound hub before going back.
NEXT_PLACE = {  # turned into weighted tables below
    (0, 7): [("foster", 62), ("kinship", 25), ("agency", 13)],
    (8, 10): [("foster", 52), ("kinship", 16), ("agency", 13), ("residential", 6),
              ("small-group", 4), ("complex-needs", 2), ("respite", 6)],
    (11, 15): [("foster", 40), ("kinship", 9), ("agency", 13), ("residential", 10),
               ("small-group", 4), ("towards-home", 6), ("mst", 2), ("secure", 1),
               ("complex-needs", 1), ("respite", 8)],
    (16, 17): [("foster", 30), ("kinship", 7), ("agency", 10), ("residential", 10),
               ("supported_lodgings", 15), ("interdependence", 12), ("towards-home", 3),
               ("secure", 2), ("respite", 3)],
}  # fmt: skip

# Typical length of a stay in days: (median, spread of the log-normal, shortest, longest).
STAY_DAYS = {
    "foster": (330, 1.0, 7, 4000), "agency": (300, 1.0, 7, 4000),
    "kinship": (800, 0.8, 30, 5000), "supported_lodgings": (300, 0.6, 30, 730),
    "residential": (300, 0.8, 21, 1500), "small-group": (360, 0.7, 30, 1500),
    "complex-needs": (700, 0.7, 60, 3000), "secure": (150, 0.6, 30, 500),
    "interdependence": (400, 0.5, 60, 730),
}  # fmt: skip
# Fixed ranges for the planned, time-limited stays: (shortest, longest) days.
STAY_RANGE = {
    "safe-space": (3, 28), "mst": (56, 84), "towards-home": (182, 274), "respite": (2, 14),
    "short-break": (1, 3),
}  # fmt: skip

CHANGE_REASONS = _weighted([("CARPL", 50), ("CREQB", 15), ("CREQO", 9), ("CHILD", 7), ("LAREQ", 8),
                  ("STAND", 3), ("ALLEG", 2), ("CLOSE", 4), ("OTHER", 2)])  # fmt: skip
LEGAL_STATUS = _weighted([("C2", 58), ("C1", 20), ("V2", 16), ("E1", 3), ("J1", 3)])
ETHNICITY = _weighted([("WBRI", 70), ("WOTH", 4), ("WIRI", 1), ("WROM", 1), ("MWBC", 5), ("MWAS", 2),
             ("MOTH", 3), ("APKN", 5), ("AIND", 1), ("ABAN", 1), ("BAFR", 3), ("BCRB", 1),
             ("CHNE", 1), ("OOTH", 2)])  # fmt: skip
NEEDS = _weighted(
    [("N1", 64), ("N2", 3), ("N3", 3), ("N4", 8), ("N5", 14), ("N6", 2), ("N7", 1), ("N8", 5)]
)
# What kind of story a child has, and how common it is.
STORIES = _weighted(
    [("looked_after", 47), ("care_leaver", 27), ("edge_of_care", 15), ("short_breaks", 11)]
)
# Why care ended before 18, and where the child went: adoption is for young children only,
# custody for teenagers only.
_LEAVING = [(("E4A", Outcome.RETURNED_HOME), 45), (("E13", Outcome.RETURNED_HOME), 10),
            (("E45", Outcome.PERMANENCE), 15), (("E41", Outcome.PERMANENCE), 8),
            (("E8", Outcome.OTHER), 5)]  # fmt: skip
LEAVING = _weighted(_LEAVING)
LEAVING_YOUNG = _weighted(_LEAVING + [(("E11", Outcome.PERMANENCE), 8)])
LEAVING_TEEN = _weighted(_LEAVING + [(("E9", Outcome.CUSTODY), 2)])
EDGE_OF_CARE_STAYS = _weighted([("safe-space", 60), ("mst", 30), ("respite", 10)])
CARER_TYPES = _weighted(CARER_TYPE_WEIGHTS.items())
NEXT_PLACE = {band: _weighted(choices) for band, choices in NEXT_PLACE.items()}

NEVER = 10**8  # an ordinal day after any real date: "still there"
# Time-limited stays: how often one is planned up to the limit and then runs over it, by how
# many days at most, and how often the head of service authorises an extension for it.
OVERRUN_SHARE, OVERRUN_DAYS, EXTENDED_SHARE = 0.12, 21, 0.5


def _band(table, age):
    return next(v for (low, high), v in table.items() if low <= age <= high)


def _age(born: datetime.date, day: int) -> int:
    on = datetime.date.fromordinal(day)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _birthday(born: datetime.date, years: int) -> int:
    try:
        return born.replace(year=born.year + years).toordinal()
    except ValueError:  # 29 February
        return datetime.date(born.year + years, 3, 1).toordinal()


@dataclass
class Place:
    """A home or a carer household, with a heap of the days each of its places is next free."""

    id: int
    kind: str  # home type code or carer type
    postcode: str
    min_age: int
    max_age: int
    from_day: int  # opened or approved
    weekly_cost: Decimal
    is_home: bool
    external: bool = False
    urn: str = ""
    max_stay: int | None = None
    free: list = field(default_factory=list)

    def free_on(self, day: int) -> bool:
        return self.from_day <= day and bool(self.free) and self.free[0] <= day

    def take(self, day: int, until: int) -> bool:
        """Hold one place from `day` up to `until` if one is free on `day`."""
        if not self.free_on(day):
            return False
        heapq.heapreplace(self.free, until)
        return True


@dataclass
class Options:
    children: int
    homes: int | None = None
    carers: int | None = None
    years: int = 10
    seed: int = 1


class Generator:
    def __init__(self, options: Options, log=print):
        self.o = options
        self.rng = random.Random(options.seed)
        self.log = log
        self.today = today().toordinal()
        self.first_day = self.today - options.years * 365
        self.token = self._run_token()
        self.n_homes = options.homes or max(10, options.children // 100)
        self.n_carers = options.carers or max(10, round(options.children / 2.5))
        self.placements: list[list] = []
        self.blocks: list[tuple] = []
        self.legal: list[tuple] = []
        self.extensions: list[tuple] = []  # (index in self.placements, extend_to, decided on)
        self._distance: dict = {}
        self._outside: dict = {}

    def _run_token(self) -> str:
        """A short stamp that keeps this run's identifiers apart from earlier runs': the first
        free child id, in base 36 (reproducible on a fresh database)."""
        number = bulk.next_ids(Child, 0).start
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        token = ""
        while number:
            number, digit = divmod(number, 36)
            token = digits[digit] + token
        return token

    # People and places ------------------------------------------------------------------

    def _users(self):
        ids = bulk.next_ids(User, 0)
        start = ids.start
        per_role = {
            Role.SOCIAL_WORKER: max(2, self.o.children // 15),
            Role.PERSONAL_ADVISER: max(1, self.o.children // 60),
            Role.HOME_MANAGER: max(1, self.n_homes // 3),
            Role.INDEPENDENT_VISITOR: max(1, self.n_homes // 4),
            Role.ADMINISTRATOR: max(1, self.o.children // 20000),
        }
        rows, self.staff = [], {}
        for role, count in per_role.items():
            self.staff[role] = list(range(start, start + count))
            for n in range(count):
                first, last = names.person(self.rng)
                username = f"{role.value[:2]}-{self.token}-{n}".lower()
                rows.append(
                    (start + n, username, first, last, f"{username}@synthetic.example", role.value,
                     "!", False, False, True, datetime.datetime.now(datetime.UTC), "")
                )  # fmt: skip
            start += count
        columns = ["id", "username", "first_name", "last_name", "email", "role", "password",
                   "is_staff", "is_superuser", "is_active", "date_joined", "job_title"]  # fmt: skip
        bulk.insert(User, columns, rows)

    def _homes(self):
        types = {t.code: t for t in HomeType.objects.all()}
        codes = list(types)
        kinds = codes + self.rng.choices(
            list(HOME_TYPE_WEIGHTS), list(HOME_TYPE_WEIGHTS.values()), k=self.n_homes - len(codes)
        )
        ids = bulk.next_ids(Home, len(kinds))
        rows, self.homes = [], {}
        for home_id, code in zip(ids, kinds, strict=True):
            kind = types[code]
            external = code == "residential" and self.rng.random() < 0.4
            beds = self._beds(kind)
            postcode = self.rng.choice(
                places.FURTHER + places.NEIGHBOURING if external else places.LEEDS
            )
            cost = Decimal(self.rng.randrange(4800, 7600, 50)) if external else Decimal("0")
            opened = self.first_day - self.rng.randint(0, 3650) if self.rng.random() < 0.85 else (
                self.rng.randint(self.first_day, self.today - 30)
            )  # fmt: skip
            urn = f"SC{home_id % 1000000:06d}"
            place = Place(home_id, code, postcode, kind.min_age, kind.max_age, opened, cost, True,
                          external, urn, kind.max_stay_days, [0] * beds)  # fmt: skip
            self.homes.setdefault(code, []).append(place)
            if code == "residential":
                self.homes.setdefault("external" if external else "in-house", []).append(place)
            rows.append(
                (home_id, f"{names.place(self.rng)} ({self.token}-{home_id})", kind.pk,
                 "external" if external else "in_house",
                 names.provider(self.rng) if external else "", urn, "", postcode, beds, cost,
                 "", self.rng.choice(["outstanding", "good", "good", "requires_improvement"]),
                 None, datetime.date.fromordinal(opened), None)
            )  # fmt: skip
        columns = ["id", "name", "home_type_id", "provision", "provider_name", "ofsted_urn",
                   "address", "postcode", "beds", "weekly_cost", "registered_manager",
                   "ofsted_rating", "ofsted_rating_date", "opened_on", "closed_on"]  # fmt: skip
        bulk.insert(Home, columns, rows)
        self.in_house = [h for hs in self.homes.values() for h in hs if not h.external]
        self.in_house = list({h.id: h for h in self.in_house}.values())
        self._home_staff(ids)

    def _beds(self, kind) -> int:
        if kind.max_beds:
            return self.rng.randint(max(1, kind.max_beds - 2), kind.max_beds)
        return self.rng.randint(8, 12) if kind.code == "secure" else self.rng.randint(3, 6)

    def _home_staff(self, home_ids):
        managers = self.staff[Role.HOME_MANAGER]
        visitors = self.staff[Role.INDEPENDENT_VISITOR]
        manages = [(h, managers[n % len(managers)]) for n, h in enumerate(home_ids)]
        visits = [(h, visitors[n % len(visitors)]) for n, h in enumerate(home_ids)]
        self.manager_of, self.visitor_of = dict(manages), dict(visits)
        bulk.insert(Home.managers.through, ["home_id", "user_id"], manages)
        bulk.insert(Home.independent_visitors.through, ["home_id", "user_id"], visits)

    def _carers(self):
        ids = bulk.next_ids(CarerHousehold, self.n_carers)
        rows, self.carers = [], {}
        supervisors = self.staff[Role.SOCIAL_WORKER]
        for carer_id in ids:
            kind = _pick(self.rng, CARER_TYPES)
            row, place = self._carer(carer_id, kind, supervisors)
            rows.append(row)
            if place is not None:
                self.carers.setdefault(kind, []).append(place)
        columns = ["id", "reference", "name", "carer_type", "agency_name", "postcode",
                   "approval_status", "approved_on", "approval_ends_on", "last_review_on",
                   "level", "approved_places", "min_age", "max_age", "mockingbird_hub_id",
                   "is_hub_carer", "weekly_cost", "supervising_social_worker_id"]  # fmt: skip
        bulk.insert(CarerHousehold, columns, rows)

    def _carer(self, carer_id, kind, supervisors):
        rng = self.rng
        low, high = 0, 17
        if kind == CarerType.SUPPORTED_LODGINGS:
            low, places_ = 16, 1
        else:
            places_ = (
                rng.choice([1, 1, 2, 2, 2, 3])
                if kind != CarerType.KINSHIP
                else rng.choice([1, 1, 2])
            )
            low, high = rng.choice([(0, 17), (0, 17), (0, 10), (5, 17), (11, 17)])
        agency = kind == CarerType.AGENCY
        postcode = rng.choice(places.LEEDS + places.NEIGHBOURING if agency else places.LEEDS)
        cost = Decimal(rng.randrange(850, 1250, 10)) if agency else Decimal("0")
        assessing = rng.random() < 0.02
        approved = None
        if not assessing:
            early = rng.random() < 0.7
            approved = (self.first_day - rng.randint(0, 3650)) if early else (
                rng.randint(self.first_day, self.today - 30)
            )  # fmt: skip
        level = rng.choice([1, 2, 2, 3, 3, 4]) if kind in ("foster", "agency") else None
        row = (
            carer_id, f"SC{self.token}-{carer_id}", f"The {names.surname(rng)} household", kind,
            names.agency(rng) if agency else "", postcode,
            "in_assessment" if assessing else "approved",
            None if approved is None else datetime.date.fromordinal(approved), None,
            None if approved is None else datetime.date.fromordinal(self.today - rng.randint(1, 360)),
            level, places_, low, high, None, False, cost, rng.choice(supervisors),
        )  # fmt: skip
        if assessing:
            return row, None
        place = Place(
            carer_id, kind, postcode, low, high, approved, cost, False, free=[0] * places_
        )
        return row, place

    # The story of each child ------------------------------------------------------------

    def _children(self):
        rng = self.rng
        ids = bulk.next_ids(Child, self.o.children)
        self.kids = []
        events = []
        for child_id in ids:
            story = _pick(rng, STORIES)
            born = self._born(story)
            kid = dict(id=child_id, story=story, born=born, postcode=self._home_postcode(),
                       stay=None, episode_start=None, legal="", care_from_16=False,
                       care_days_since_14=0, open=False)  # fmt: skip
            self.kids.append(kid)
            first = self._first_entry(kid)
            if first is not None:
                events.append((first, child_id, len(self.kids) - 1))
        # Blocks come in as events too, so they take beds in the same date order as children.
        for n in range(int(self.n_homes * self.o.years * 0.6)):
            events.append((rng.randint(self.first_day, self.today - 1), -1, n))
        heapq.heapify(events)
        self._run(events)

    def _born(self, story) -> datetime.date:
        rng = self.rng
        if story == "care_leaver":
            age_days = rng.randint(18 * 365 + 10, min(21, 17 + self.o.years) * 365)
        elif story == "edge_of_care":
            age_days = rng.randint(12 * 365, 18 * 365 - 20)
        elif story == "short_breaks":
            age_days = rng.randint(6 * 365, 18 * 365 - 20)
        else:
            age_days = int(min(17.95, max(0.1, rng.triangular(0, 18, 14))) * 365)
        return datetime.date.fromordinal(self.today - age_days)

    def _home_postcode(self):
        return self.rng.choice(places.LEEDS if self.rng.random() < 0.9 else places.NEIGHBOURING)

    def _first_entry(self, kid) -> int | None:
        rng, born = self.rng, kid["born"].toordinal()
        story = kid["story"]
        if story == "care_leaver":
            earliest = max(self.first_day, _birthday(kid["born"], 10))
            latest = _birthday(kid["born"], 18) - 120
        elif story in ("edge_of_care", "short_breaks"):
            earliest = max(
                self.first_day, _birthday(kid["born"], 11 if story == "edge_of_care" else 5)
            )
            latest = self.today - 3
        else:
            earliest = max(self.first_day, born + 7)
            latest = self.today - 1
        if earliest > latest:
            return None
        # Looked-after children tend to have come in years ago, not last week.
        return int(earliest + (latest - earliest) * rng.random() ** 1.4)

    def _run(self, events):
        while events:
            day, child_id, index = heapq.heappop(events)
            if day >= self.today:
                continue
            if child_id < 0:
                self._block(day)
                continue
            following = self._step(self.kids[index], day)
            if following is not None and following < self.today:
                heapq.heappush(events, (following, child_id, index))

    def _step(self, kid, day) -> int | None:
        """The child's stay (if any) ends on `day`; find what comes next. Returns the next event day."""
        story = kid["story"]
        stay = kid["stay"]
        age = _age(kid["born"], day)
        if stay is None:
            return self._start_episode(kid, day, age)
        if story in ("edge_of_care", "short_breaks"):
            self._leave_care(kid, day, age)
            return self._next_episode(kid, day)
        leaving_age = _birthday(kid["born"], 18)
        if day >= leaving_age or (story == "looked_after" and self.rng.random() < 0.06):
            self._leave_care(kid, day, age)
            return None
        return self._move(kid, day, age)

    def _start_episode(self, kid, day, age):
        story = kid["story"]
        if age >= 18:
            return None
        if story == "edge_of_care":
            kind = _pick(self.rng, EDGE_OF_CARE_STAYS)
            kid["legal"] = "V2"
        elif story == "short_breaks":
            kind, kid["legal"] = "short-break", "V3"
        else:
            kind = _pick(self.rng, _band(NEXT_PLACE, age))
            kid["legal"] = _pick(self.rng, LEGAL_STATUS)
        kid["episode_start"] = day
        return self._place(kid, day, age, kind, new_episode=True)

    def _next_episode(self, kid, day):
        """Edge-of-care children may come back months later; short breaks recur every few weeks."""
        if kid["story"] == "short_breaks":
            if self.rng.random() < 0.005:
                return None
            return day + self.rng.randint(7, 21)
        return day + self.rng.randint(90, 500) if self.rng.random() < 0.45 else None

    def _move(self, kid, day, age):
        previous = kid["stay"]
        back = previous[0] == "respite" and kid.get("before_respite")
        kind = "back" if back else _pick(self.rng, _band(NEXT_PLACE, age))
        following = self._place(kid, day, age, kind, new_episode=False)
        if kid["stay"] is previous:  # nowhere to go: the child returns home
            self._leave_care(kid, day, age)
            return None
        return following

    # Finding a place --------------------------------------------------------------------

    def _candidates(self, kind, kid):
        if kind == "back":
            return [kid["before_respite"]] + self._sample(self.carers.get("foster", []))
        if kind == "respite":
            return self.homes.get("wraparound", [])
        if kind == "short-break":  # in a short-breaks home or with a family-based carer
            if self.rng.random() < 0.5:
                return self.homes.get("complex-needs", [])
            return self.carers.get("foster", [])
        if kind in CARER_TYPE_WEIGHTS:
            return self.carers.get(kind, [])
        if kind == "residential" and self.rng.random() < 0.35:
            return self.homes.get("external", [])
        return self.homes.get(kind, [])

    def _duration(self, kind, place) -> int:
        rng = self.rng
        if kind in STAY_RANGE:
            return rng.randint(*STAY_RANGE[kind])
        median, spread, low, high = STAY_DAYS[place.kind]
        days = int(median * math.exp(rng.gauss(0, spread)))
        return max(low, min(high, days))

    def _place(self, kid, day, age, kind, new_episode) -> int | None:
        """Give the child a place of `kind` (or else with a foster carer) from `day`.

        Returns the day the stay ends, None if it runs on past today or nothing was free.
        """
        leaving = _birthday(kid["born"], 18)
        fallback = (
            []
            if kind in ("foster", "short-break") or kid["story"] == "edge_of_care"
            else ["foster"]
        )
        for wanted in [kind] + fallback:
            candidates = self._candidates(wanted, kid)
            for place in candidates if wanted == "back" else self._sample(candidates):
                if not (place.min_age <= age <= place.max_age and place.free_on(day)):
                    continue
                length = self._duration(wanted, place)
                overrun = 0
                if place.max_stay is not None:
                    length = min(length, place.max_stay)
                    if self.rng.random() < OVERRUN_SHARE:
                        length, overrun = place.max_stay, self.rng.randint(1, OVERRUN_DAYS)
                end = min(day + length + overrun, leaving)
                runs_on = end >= self.today
                if end <= day:
                    continue
                place.take(day, NEVER if runs_on else end)
                self._record(kid, place, wanted, day, end, length, runs_on, new_episode)
                if end > day + length and self.rng.random() < EXTENDED_SHARE:
                    self._extend(day, length, end)
                return None if runs_on else end
        if new_episode and kid["story"] in ("edge_of_care", "short_breaks"):
            return self._next_episode(kid, day)
        return None

    def _sample(self, candidates, size=12):
        """Up to `size` candidates from a random point (the lists are in random order already)."""
        if len(candidates) <= size:
            return candidates
        start = int(self.rng.random() * len(candidates))
        chunk = candidates[start : start + size]
        return chunk + candidates[: size - len(chunk)]

    def _record(self, kid, place, kind, day, end, length, runs_on, new_episode):
        previous = kid["stay"]
        if previous is not None and not new_episode:
            row = previous[1]
            row[P_CEASED], row[P_CHANGE] = "X1", _pick(self.rng, CHANGE_REASONS)
            row[P_OUTCOME] = self._outcome_of_move(place)
        planned = None
        if place.max_stay is not None or kind in ("towards-home", "short-break", "respite"):
            planned = day + max(length, 1)
        row = self._placement_row(kid, place, kind, day, None if runs_on else end, planned,
                                  "S" if new_episode else "P")  # fmt: skip
        self.placements.append(row)
        if kind == "respite":
            came_from = previous[2] if previous is not None and not new_episode else None
            kid["before_respite"] = None if came_from is None or came_from.is_home else came_from
        kid["stay"] = (kind, row, place)
        kid["open"] = runs_on
        if _age(kid["born"], day) >= 14:
            kid["care_days_since_14"] += min(end, self.today) - day
        if _birthday(kid["born"], 16) < min(end, self.today):
            kid["care_from_16"] = True

    def _extend(self, day, length, end):
        """The head of service authorised keeping the child until the stay's (simulated) end,
        shortly before the limit; the planned end moves with it."""
        decided = min(day + length - self.rng.randint(0, 7), self.today - 1)
        self.placements[-1][P_PLANNED] = datetime.date.fromordinal(end)
        self.extensions.append((len(self.placements) - 1, end, decided))

    def _outcome_of_move(self, place):
        if place.is_home:
            return Outcome.ANOTHER_HOME
        return {"kinship": Outcome.KINSHIP, "supported_lodgings": Outcome.INDEPENDENCE}.get(
            place.kind, Outcome.FOSTER_CARE
        )

    def _placement_row(self, kid, place, kind, day, end, planned, new_episode) -> list:
        key = (kid["postcode"], place.postcode)
        if key not in self._distance:
            self._distance[key] = postcodes.distance_miles(*key)
        if place.postcode not in self._outside:
            area = postcodes.council_area(place.postcode)
            self._outside[place.postcode] = area is not None and area != settings.COUNCIL_LA_CODE
        if place.is_home:
            placement_type = "K1" if place.kind == "secure" else "K2"
            provider = "PR4" if place.external else "PR1"
        else:
            long_term = end is None or end - day > 540
            placement_type = {
                "foster": "U4" if long_term else "U6", "agency": "U4" if long_term else "U6",
                "kinship": "U1" if long_term else "U3", "supported_lodgings": "K3",
            }[place.kind]  # fmt: skip
            provider = "PR4" if place.kind == "agency" else "PR1"
        miles = self._distance[key]
        return [
            kid["id"], place.id if place.is_home else None, place.id if not place.is_home else None,
            datetime.date.fromordinal(day), _date(planned), _date(end), kind == "short-break",
            place.weekly_cost, None if miles is None else Decimal(str(miles)),
            self._outside[place.postcode], kid["legal"], placement_type, provider, new_episode,
            "", "", place.postcode, place.urn, "",
        ]  # fmt: skip

    def _leave_care(self, kid, day, age):
        kind, row, place = kid["stay"]
        kid["stay"] = None
        if kid["story"] == "short_breaks" or kind in ("safe-space", "mst", "respite"):
            row[P_CEASED], row[P_OUTCOME] = "E4A", Outcome.RETURNED_HOME
        elif age >= 18 or day >= _birthday(kid["born"], 18):
            if not place.is_home and place.kind in ("foster", "agency", "kinship"):
                row[P_CEASED], row[P_OUTCOME] = "E17", Outcome.FOSTER_CARE
            else:
                row[P_CEASED], row[P_OUTCOME] = (
                    self.rng.choice(["E5", "E5", "E6"]),
                    Outcome.INDEPENDENCE,
                )
        else:
            table = LEAVING_YOUNG if age < 8 else LEAVING_TEEN if age >= 14 else LEAVING
            row[P_CEASED], row[P_OUTCOME] = _pick(self.rng, table)
        self.legal.append((kid["id"], kid["legal"], kid["episode_start"], day))

    def _block(self, day):
        rng = self.rng
        external = rng.random() < 0.25 and self.homes.get("external")
        home = rng.choice(self.homes["external"] if external else self.in_house)
        length = rng.randint(7, 120)
        end = day + length
        if not home.take(day, NEVER if end >= self.today else end):
            return
        reason = "single_occupancy" if external or rng.random() < 0.4 else rng.choice(
            ["repairs", "repairs", "staffing", "other"]
        )  # fmt: skip
        self.blocks.append(
            (home.id, 1, datetime.date.fromordinal(day), datetime.date.fromordinal(end), reason)
        )

    # Writing ----------------------------------------------------------------------------

    def _write_children(self):
        rng = self.rng
        social_workers = self.staff[Role.SOCIAL_WORKER]
        rows = []
        for n, kid in enumerate(self.kids):
            first, last = names.person(rng)
            kid["social_worker"] = social_workers[n % len(social_workers)]
            rows.append(
                (kid["id"], f"S{self.token}-{n:07d}", first, last, kid["born"],
                 rng.choice("MF"), _pick(rng, ETHNICITY), "", kid["postcode"],
                 "N2" if kid["story"] == "short_breaks" else _pick(rng, NEEDS),
                 self._status(kid), kid["social_worker"], None)
            )  # fmt: skip
        columns = ["id", "local_id", "first_name", "last_name", "date_of_birth", "sex", "ethnicity",
                   "upn", "home_postcode", "category_of_need", "status", "social_worker_id",
                   "key_worker_id"]  # fmt: skip
        bulk.insert(Child, columns, rows)

    def _status(self, kid) -> str:
        if kid["open"]:
            return "edge_of_care" if kid["story"] == "edge_of_care" else "looked_after"
        age = _age(kid["born"], self.today)
        if kid["care_from_16"] and age >= 16:
            return "care_leaver"
        return "edge_of_care" if kid["story"] == "edge_of_care" else "closed"

    def _write_placements(self):
        columns = ["child_id", "home_id", "carer_id", "start_date", "planned_end_date",
                   "end_date", "is_short_break", "weekly_cost", "distance_miles",
                   "outside_council_area", "legal_status", "placement_type", "provider",
                   "reason_new_episode", "reason_episode_ceased", "reason_placement_change",
                   "placement_postcode", "urn", "outcome", "purpose", "entered_in_error",
                   "correction_reason"]  # fmt: skip
        self.placement_ids = bulk.next_ids(Placement, len(self.placements))
        bulk.insert(
            Placement,
            ["id", *columns],
            (
                (pk, *row, "", False, "")
                for pk, row in zip(self.placement_ids, self.placements, strict=True)
            ),
        )
        block_columns = ["home_id", "beds", "start_date", "end_date", "reason", "note", "cancelled"]
        bulk.insert(BedBlock, block_columns, (b + ("", False) for b in self.blocks))
        for kid in self.kids:
            if kid["open"]:
                self.legal.append((kid["id"], kid["legal"], kid["episode_start"], None))
        bulk.insert(
            LegalStatusRecord,
            ["child_id", "legal_status", "start_date", "end_date"],
            ((c, s, _date(a), _date(b)) for c, s, a, b in self.legal),
        )

    def _write_care_leavers(self):
        rng = self.rng
        advisers = self.staff[Role.PERSONAL_ADVISER]
        rows = []
        for kid in self.kids:
            age = _age(kid["born"], self.today)
            if age < 16 or not kid["care_from_16"]:
                continue
            if kid["open"]:
                eligibility = "eligible" if kid["care_days_since_14"] >= 91 else "qualifying"
            else:
                eligibility = "former_relevant" if age >= 18 else "relevant"
            plan = self.today - rng.randint(0, 200)
            stage = rng.choice(["in_home_flat", "accompanied", "independent_time", "own_tenancy"])
            in_interdependence = kid["stay"] and kid["stay"][0] == "interdependence"
            rows.append(
                (kid["id"], eligibility, rng.choice(advisers), _date(plan), _date(plan + 182),
                 _pick(rng, ACTIVITIES), _pick(rng, ACCOMMODATION),
                 rng.random() < 0.88, rng.random() < 0.9, rng.random() < 0.12,
                 rng.random() < 0.08, stage if in_interdependence else "")
            )  # fmt: skip
        columns = ["child_id", "eligibility", "personal_adviser_id", "pathway_plan_date",
                   "pathway_plan_review_due", "activity", "accommodation",
                   "accommodation_suitable", "in_touch", "staying_put", "staying_close",
                   "interdependence_stage"]  # fmt: skip
        return bulk.insert(CareLeaver, columns, rows)

    @transaction.atomic
    def run(self) -> dict:
        tables = [
            User,
            Home,
            CarerHousehold,
            Child,
            Placement,
            BedBlock,
            LegalStatusRecord,
            CareLeaver,
            *monitoring.TABLES,
        ]
        bulk.lock(*tables)
        started = time.monotonic()
        self._users()
        self._homes()
        self._carers()
        self._children()
        simulated = time.monotonic()
        with bulk.foreign_keys_checked_once(
            Child, Placement, LegalStatusRecord, CareLeaver, *monitoring.TABLES
        ):
            self._write_children()
            self._write_placements()
            leavers = self._write_care_leavers()
            written = monitoring.write(self)
        bulk.reset_sequences(*tables)
        return {
            "children": len(self.kids),
            "placements": len(self.placements),
            "homes": self.n_homes,
            "carers": self.n_carers,
            "bed blocks": len(self.blocks),
            "care leavers": leavers,
            **written,
            "simulate seconds": round(simulated - started, 1),
            "write seconds": round(time.monotonic() - simulated, 1),
        }


ACTIVITIES = _weighted([("F2", 25), ("F5", 15), ("F1", 7), ("F4", 6), ("P5", 8), ("G5", 25),
                        ("G4", 6), ("G6", 5), ("0", 3)])  # fmt: skip
ACCOMMODATION = _weighted([("U", 30), ("D", 15), ("Z", 12), ("E", 10), ("B", 12), ("K", 8),
                           ("T", 5), ("S", 2), ("R", 6)])  # fmt: skip

# Positions in a placement row that are filled in when the stay ends.
P_PLANNED, P_END, P_CEASED, P_CHANGE, P_OUTCOME = 4, 5, 14, 15, 18


def _date(day: int | None):
    return None if day is None else datetime.date.fromordinal(day)
