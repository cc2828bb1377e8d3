"""The synthetic council's people and places: staff, homes with their beds, carer households."""

import datetime
import heapq
from dataclasses import dataclass, field
from decimal import Decimal

from accounts.models import Role, User
from carers.models import CarerHousehold, CarerType
from homes.models import Home, HomeType

from . import bulk, names, places
from .synthetic_tables import CARER_TYPES, HOME_TYPE_WEIGHTS, pick


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


class PeopleAndPlaces:
    """Part of synthetic.Generator; reads and fills its state (self.rng, self.placements, ...)."""

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
            kind = pick(self.rng, CARER_TYPES)
            row, place = self._carer(carer_id, kind, supervisors)
            rows.append(row)
            if place is not None:
                self.carers.setdefault(kind, []).append(place)
        columns = ["id", "reference", "name", "carer_type", "agency_name", "postcode",
                   "approval_status", "approved_on", "approval_ends_on", "last_review_on",
                   "level", "approved_places", "min_age", "max_age", "mockingbird_hub_id",
                   "is_hub_carer", "weekly_cost", "supervising_social_worker_id",
                   "urn"]  # fmt: skip
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
        # The fostering service's URN: the council's own, or one per agency's branch.
        urn = f"SC{700000 + carer_id % 97:06d}" if agency else places.COUNCIL_FOSTERING_URN
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
            level, places_, low, high, None, False, cost, rng.choice(supervisors), urn,
        )  # fmt: skip
        if assessing:
            return row, None
        place = Place(
            carer_id, kind, postcode, low, high, approved, cost, False, urn=urn,
            free=[0] * places_,
        )  # fmt: skip
        return row, place
