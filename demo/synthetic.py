"""A synthetic council of any size whose ledger obeys every placement rule.

The per-row services are far too slow for a million placements, so the generator keeps the rules
itself: it walks through time once, in date order, and hands out places from heaps of the days
each bed or carer's place is next free. Because requests arrive in date order, a bed whose free
day has come is free from then on, so capacity (beds minus blocks, a carer's approved places) can
never be exceeded; each child has one place at a time because their next stay starts only when
the last one ends; ages, stay limits and approval dates are checked before a place is given.
"""

import random
import time
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from careleavers.models import CareLeaver
from carers.models import CarerHousehold
from children.models import Child, LegalStatusRecord
from core.dates import today
from homes.models import BedBlock, Home
from placements.models import Placement
from reporting import freshness

from . import bulk, synthetic_903
from . import synthetic_monitoring as monitoring
from .synthetic_places import PeopleAndPlaces
from .synthetic_stays import ChildrenAndStays
from .synthetic_writing import PLACEMENT_COLUMNS, Writing


@dataclass
class Options:
    children: int
    homes: int | None = None
    carers: int | None = None
    years: int = 10
    seed: int = 1


class Generator(PeopleAndPlaces, ChildrenAndStays, Writing):
    """Simulates the council in memory (synthetic_places, synthetic_stays), then writes it
    (synthetic_writing, synthetic_monitoring)."""

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
            *synthetic_903.TABLES,
        ]
        bulk.lock(*tables)
        started = time.monotonic()
        self._users()
        self._homes()
        self._carers()
        loaded = (Child, Placement, LegalStatusRecord, CareLeaver, *monitoring.TABLES,
                  *synthetic_903.TABLES)  # fmt: skip
        with bulk.foreign_keys_checked_once(*loaded), bulk.indexes_built_after(*loaded):
            # The placements are stored as the simulation finishes each one (synthetic_stays),
            # by PostgreSQL on the other core, instead of all at the end.
            self.child_ids = bulk.next_ids(Child, self.o.children)
            self.placement_ids = bulk.next_ids(Placement, 0)
            with bulk.BackgroundInsert(Placement, ["id", *PLACEMENT_COLUMNS]) as stream:
                self.placement_stream = stream
                self._children()
            first = self.placement_ids.start
            self.placement_ids = range(first, first + len(self.placements))
            simulated = time.monotonic()
            self._write_children()
            self._write_blocks_and_legal_statuses()
            leavers = self._write_care_leavers()
            written = monitoring.write(self)
            written.update(synthetic_903.write(self))
        bulk.reset_sequences(*tables)
        freshness.changed()  # COPY sends no signals: the board's stored figures are out of date
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
