"""The placement rules, checked over the whole ledger at once (SQL where it is set-based).

These are independent of placements.rules on purpose: they test what was written, not the code
that wrote it.
"""

import datetime

from django.db import connection

from carers.models import CarerHousehold
from core.dates import age_on
from homes.models import Home
from placements.models import Placement, StayExtension

_OVERLAPS = """
SELECT a.child_id FROM placements_placement a
JOIN placements_placement b ON a.child_id = b.child_id AND a.id < b.id
WHERE NOT a.entered_in_error AND NOT b.entered_in_error
  AND a.start_date < COALESCE(b.end_date, '9999-12-31')
  AND b.start_date < COALESCE(a.end_date, '9999-12-31')
"""

# Beds (or approved places) in use, day by day: +1 when a stay or block starts, -1 when it ends,
# netted per day (a stay ends the day the next may start) and summed in date order.
_IN_USE = """
WITH changes AS (
  SELECT {place} AS place, start_date AS day, 1 AS delta FROM placements_placement
   WHERE {place} IS NOT NULL AND NOT entered_in_error
  UNION ALL SELECT {place}, end_date, -1 FROM placements_placement
   WHERE {place} IS NOT NULL AND NOT entered_in_error AND end_date IS NOT NULL
  {blocks}
), per_day AS (
  SELECT place, day, SUM(delta) AS delta FROM changes GROUP BY place, day
), running AS (
  SELECT place, day, SUM(delta) OVER (PARTITION BY place ORDER BY day) AS in_use FROM per_day
)
SELECT r.place, r.day, r.in_use FROM running r JOIN {table} t ON t.id = r.place
WHERE r.in_use > t.{capacity}
"""
_BLOCKS = """
  UNION ALL SELECT home_id, start_date, beds FROM homes_bedblock WHERE NOT cancelled
  UNION ALL SELECT home_id, end_date, -beds FROM homes_bedblock
   WHERE NOT cancelled AND end_date IS NOT NULL
"""
_OVER_HOME_CAPACITY = _IN_USE.format(
    place="home_id", blocks=_BLOCKS, table="homes_home", capacity="beds"
)
_OVER_CARER_CAPACITY = _IN_USE.format(
    place="carer_id", blocks="", table="carers_carerhousehold", capacity="approved_places"
)

_UNIT_OVERLAPS = """
SELECT a.unit_id FROM placements_placement a
JOIN placements_placement b ON a.unit_id = b.unit_id AND a.id < b.id
WHERE NOT a.entered_in_error AND NOT b.entered_in_error
  AND a.start_date < COALESCE(b.end_date, '9999-12-31')
  AND b.start_date < COALESCE(a.end_date, '9999-12-31')
"""


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _age_and_stay_breaches():
    homes = {h.pk: h.home_type for h in Home.objects.select_related("home_type")}
    carers = {c.pk: c for c in CarerHousehold.objects.all()}
    extended = dict(
        StayExtension.objects.filter(status="authorised").values_list("placement_id", "extend_to")
    )
    breaches = []
    rows = Placement.objects.live().values_list(
        "pk",
        "home_id",
        "carer_id",
        "start_date",
        "planned_end_date",
        "end_date",
        "child__date_of_birth",
    )
    for pk, home_id, carer_id, start, planned, end, born in rows:
        age = age_on(born, start)
        if home_id:
            kind = homes[home_id]
            if not kind.min_age <= age <= kind.max_age:
                breaches.append(("age", pk))
            if kind.max_stay_days is not None:
                limit = max(
                    start + datetime.timedelta(days=kind.max_stay_days),
                    extended.get(pk, start),
                )
                if planned is None or planned > limit:
                    breaches.append(("stay limit", pk))
        else:
            carer = carers[carer_id]
            if not carer.min_age <= age <= carer.max_age:
                breaches.append(("carer age", pk))
            if not carer.is_approved_on(start):
                breaches.append(("carer approval", pk))
            if (
                carer.approval_ends_on
                and (end or planned or datetime.date.max) > carer.approval_ends_on
            ):
                breaches.append(("temporary approval", pk))
    return breaches


def rule_breaches() -> dict[str, list]:
    """Every broken rule in the database, by rule; all lists are empty when the data is sound."""
    return {
        "overlapping placements": _rows(_OVERLAPS),
        "home over capacity": _rows(_OVER_HOME_CAPACITY),
        "carer over capacity": _rows(_OVER_CARER_CAPACITY),
        "unit double-booked": _rows(_UNIT_OVERLAPS),
        "age, stay limit or approval": _age_and_stay_breaches(),
    }


def assert_rules_hold():
    breaches = {rule: found[:5] for rule, found in rule_breaches().items() if found}
    assert not breaches, breaches
