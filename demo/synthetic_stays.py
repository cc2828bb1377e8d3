"""The story of each synthetic child: when they come into care, where they are placed, how
each stay ends, and the bed blocks along the way."""

import datetime
import heapq
import math
from decimal import Decimal

from django.conf import settings

from core import postcodes
from placements.models import Outcome
from placements.permanence import ADOPTED
from placements.type_rules import YOUTH_JUSTICE_FROM_AGE, YOUTH_JUSTICE_STATUSES

from . import places
from .synthetic_tables import (
    CARER_TYPE_WEIGHTS,
    CHANGE_REASONS,
    EDGE_OF_CARE_STAYS,
    EXTENDED_SHARE,
    LEAVING,
    LEAVING_TEEN,
    LEAVING_YOUNG,
    LEGAL_STATUS,
    NEVER,
    NEXT_PLACE,
    OVERRUN_DAYS,
    OVERRUN_SHARE,
    P_CEASED,
    P_CHANGE,
    P_NEW,
    P_OUTCOME,
    P_PLANNED,
    P_TYPE,
    STAY_DAYS,
    STAY_RANGE,
    STORIES,
    age_on,
    as_date,
    band_of,
    nth_birthday,
    pick,
)


class ChildrenAndStays:
    """Part of synthetic.Generator; reads and fills its state (self.rng, self.placements, ...)."""

    def _children(self):
        rng = self.rng
        ids = self.child_ids
        self.kids = []
        events = []
        for child_id in ids:
            story = pick(rng, STORIES)
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
            earliest = max(self.first_day, nth_birthday(kid["born"], 10))
            latest = nth_birthday(kid["born"], 18) - 120
        elif story in ("edge_of_care", "short_breaks"):
            earliest = max(
                self.first_day, nth_birthday(kid["born"], 11 if story == "edge_of_care" else 5)
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
        self._ending: dict[int, list[int]] = {}  # day a stay ended -> its rows, not yet sent
        sent_to = self.first_day
        while events:
            day, child_id, index = heapq.heappop(events)
            if day >= self.today:
                continue
            # Every event before `day` has happened, so a stay that ended before it is final.
            for ended in range(sent_to, day):
                self._send(self._ending.pop(ended, ()))
            sent_to = max(sent_to, day)
            if child_id < 0:
                self._block(day)
                continue
            following = self._step(self.kids[index], day)
            if following is not None and following < self.today:
                heapq.heappush(events, (following, child_id, index))
        for ended in sorted(self._ending):  # still open today, or ended on the last days
            self._send(self._ending[ended])

    def _send(self, indexes):
        """Rows no event will change again, to be stored while the simulation goes on."""
        if indexes:
            first = self.placement_ids.start
            self.placement_stream.send(
                [(first + i, *self.placements[i], "", False, "") for i in indexes]
            )

    def _step(self, kid, day) -> int | None:
        """The child's stay (if any) ends on `day`; find what comes next. Returns the next event day."""
        story = kid["story"]
        stay = kid["stay"]
        age = age_on(kid["born"], day)
        if stay is None:
            return self._start_episode(kid, day, age)
        if story in ("edge_of_care", "short_breaks"):
            self._leave_care(kid, day, age)
            return self._next_episode(kid, day)
        leaving_age = nth_birthday(kid["born"], 18)
        if day >= leaving_age or (story == "looked_after" and self.rng.random() < 0.06):
            self._leave_care(kid, day, age)
            return None
        return self._move(kid, day, age)

    def _start_episode(self, kid, day, age):
        story = kid["story"]
        if age >= 18:
            return None
        if story == "edge_of_care":
            kind = pick(self.rng, EDGE_OF_CARE_STAYS)
            kid["legal"] = "V2"
        elif story == "short_breaks":
            kind, kid["legal"] = "short-break", "V3"
        else:
            kind = pick(self.rng, band_of(NEXT_PLACE, age))
            kid["legal"] = pick(self.rng, LEGAL_STATUS)
            if kid["legal"] in YOUTH_JUSTICE_STATUSES and age < YOUTH_JUSTICE_FROM_AGE:
                kid["legal"] = "C2"
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
        kind = "back" if back else pick(self.rng, band_of(NEXT_PLACE, age))
        following = self._place(kid, day, age, kind, new_episode=False)
        if kid["stay"] is previous:  # nowhere to go: the child returns home
            self._leave_care(kid, day, age)
            return None
        return following

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
        leaving = nth_birthday(kid["born"], 18)
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
                if place.postcode == kid["postcode"]:  # never at the family's own (rule 392d)
                    continue
                if _same_address(kid["stay"], place):  # a move the 903 could not show (435)
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
            row[P_CEASED], row[P_CHANGE] = "X1", pick(self.rng, CHANGE_REASONS)
            row[P_OUTCOME] = self._outcome_of_move(place)
        planned = None
        if place.max_stay is not None or kind in ("towards-home", "short-break", "respite"):
            planned = day + max(length, 1)
        row = self._placement_row(kid, place, kind, day, None if runs_on else end, planned,
                                  "S" if new_episode else "P")  # fmt: skip
        self.placements.append(row)
        # A stay is changed again only on the day it ends (how it ended, what came next).
        ended = self.today if runs_on else end
        self._ending.setdefault(ended, []).append(len(self.placements) - 1)
        if kind == "respite":
            came_from = previous[2] if previous is not None and not new_episode else None
            kid["before_respite"] = None if came_from is None or came_from.is_home else came_from
        kid["stay"] = (kind, row, place)
        kid["open"] = runs_on
        if age_on(kid["born"], day) >= 14:
            kid["care_days_since_14"] += min(end, self.today) - day
        if nth_birthday(kid["born"], 16) < min(end, self.today):
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
            long_term = kind != "short-break" and (end is None or end - day > 540)
            placement_type = {
                "foster": "U4" if long_term else "U6", "agency": "U4" if long_term else "U6",
                "kinship": "U1" if long_term else "U3", "supported_lodgings": "K3",
            }[place.kind]  # fmt: skip
            provider = "PR4" if place.kind == "agency" else "PR1"
        miles = self._distance[key]
        return [
            kid["id"], place.id if place.is_home else None, place.id if not place.is_home else None,
            datetime.date.fromordinal(day), as_date(planned), as_date(end), kind == "short-break",
            place.weekly_cost, None if miles is None else Decimal(str(miles)),
            self._outside[place.postcode], kid["legal"], placement_type, provider, new_episode,
            "", "", place.postcode, place.urn, "", kid["postcode"],
        ]  # fmt: skip

    def _leave_care(self, kid, day, age):
        kind, row, place = kid["stay"]
        kid["stay"] = None
        if kid["story"] == "short_breaks" or kind in ("safe-space", "mst", "respite"):
            row[P_CEASED], row[P_OUTCOME] = "E4A", Outcome.RETURNED_HOME
        elif age >= 18 or day >= nth_birthday(kid["born"], 18):
            if not place.is_home and place.kind in ("foster", "agency", "kinship"):
                row[P_CEASED], row[P_OUTCOME] = "E17", Outcome.FOSTER_CARE
            else:
                row[P_CEASED], row[P_OUTCOME] = (
                    self.rng.choice(["E5", "E5", "E6"]),
                    Outcome.INDEPENDENCE,
                )
        else:
            table = LEAVING_YOUNG if age < 8 else LEAVING_TEEN if age >= 14 else LEAVING
            row[P_CEASED], row[P_OUTCOME] = pick(self.rng, table)
            if row[P_CEASED] in ADOPTED:  # adopted from a placement for adoption (rule 390)
                if not place.is_home and place.kind in ("foster", "kinship"):
                    # with consent: with their foster carer since care began (A3, rule 217),
                    # else with a carer they moved to (A4)
                    row[P_TYPE] = "A3" if row[P_NEW] == "S" else "A4"
                else:
                    row[P_CEASED], row[P_OUTCOME] = "E4A", Outcome.RETURNED_HOME
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


def _same_address(stay, place) -> bool:
    """Whether `place` is another carer or home at the postcode the child lives at now: the
    903 tells a move by the placement's postcode, URN or type (rule 435)."""
    return stay is not None and stay[2] is not place and stay[2].postcode == place.postcode
