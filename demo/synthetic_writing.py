"""Writing the synthetic council's children, bed blocks, legal statuses and care leavers with COPY
(the placements are stored during the simulation: synthetic_stays)."""

from accounts.models import Role
from careleavers.models import CareLeaver
from children.models import Child, LegalStatusRecord
from core import upn
from homes.models import BedBlock

from . import bulk, names, synthetic_903
from .synthetic_tables import ACCOMMODATION, ACTIVITIES, ETHNICITY, NEEDS, age_on, as_date, pick

# The columns of a placement row (synthetic_stays._placement_row), then purpose,
# entered_in_error and correction_reason.
PLACEMENT_COLUMNS = ["child_id", "home_id", "carer_id", "start_date", "planned_end_date",
                     "end_date", "is_short_break", "weekly_cost", "distance_miles",
                     "outside_council_area", "legal_status", "placement_type", "provider",
                     "reason_new_episode", "reason_episode_ceased", "reason_placement_change",
                     "placement_postcode", "urn", "outcome", "home_postcode", "purpose",
                     "entered_in_error", "correction_reason"]  # fmt: skip


class Writing:
    """Part of synthetic.Generator; reads and fills its state (self.rng, self.placements, ...)."""

    def _write_children(self):
        rng = self.rng
        social_workers = self.staff[Role.SOCIAL_WORKER]
        rows = []
        for n, kid in enumerate(self.kids):
            first, last = names.person(rng)
            kid["social_worker"] = social_workers[n % len(social_workers)]
            rows.append(
                (kid["id"], f"S{self.token}-{n:07d}", first, last, kid["born"],
                 rng.choice("MF"), pick(rng, ETHNICITY), upn.make(f"{kid['id']:012d}"),
                 kid["postcode"], "N2" if kid["story"] == "short_breaks" else pick(rng, NEEDS),
                 self._status(kid), kid["social_worker"], None, *synthetic_903.uasc(self, kid))
            )  # fmt: skip
        columns = ["id", "local_id", "first_name", "last_name", "date_of_birth", "sex", "ethnicity",
                   "upn", "home_postcode", "category_of_need", "status", "social_worker_id",
                   "key_worker_id", "is_uasc", "uasc_ceased_on"]  # fmt: skip
        bulk.insert(Child, columns, rows)

    def _status(self, kid) -> str:
        if kid["open"]:
            return "edge_of_care" if kid["story"] == "edge_of_care" else "looked_after"
        age = age_on(kid["born"], self.today)
        if kid["care_from_16"] and age >= 16:
            return "care_leaver"
        return "edge_of_care" if kid["story"] == "edge_of_care" else "closed"

    def _write_blocks_and_legal_statuses(self):
        block_columns = ["home_id", "beds", "start_date", "end_date", "reason", "note", "cancelled"]
        bulk.insert(BedBlock, block_columns, (b + ("", False) for b in self.blocks))
        for kid in self.kids:
            if kid["open"]:
                self.legal.append((kid["id"], kid["legal"], kid["episode_start"], None))
        bulk.insert(
            LegalStatusRecord,
            ["child_id", "legal_status", "start_date", "end_date", "entered_in_error"],
            ((c, s, as_date(a), as_date(b), False) for c, s, a, b in self.legal),
        )

    def _write_care_leavers(self):
        rng = self.rng
        advisers = self.staff[Role.PERSONAL_ADVISER]
        rows = []
        for kid in self.kids:
            age = age_on(kid["born"], self.today)
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
                (kid["id"], eligibility, rng.choice(advisers), as_date(plan), as_date(plan + 182),
                 pick(rng, ACTIVITIES), pick(rng, ACCOMMODATION),
                 rng.random() < 0.88, rng.random() < 0.9, rng.random() < 0.12,
                 rng.random() < 0.08, stage if in_interdependence else "")
            )  # fmt: skip
        columns = ["child_id", "eligibility", "personal_adviser_id", "pathway_plan_date",
                   "pathway_plan_review_due", "activity", "accommodation",
                   "accommodation_suitable", "in_touch", "staying_put", "staying_close",
                   "interdependence_stage"]  # fmt: skip
        return bulk.insert(CareLeaver, columns, rows)
