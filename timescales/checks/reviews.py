"""Looked-after reviews (Care Planning, Placement and Case Review (England) Regulations 2010,
reg 33): the first within 20 working days of becoming looked after, the second within 3 months
of the first, then at most 6 months apart."""

import datetime
from functools import lru_cache

from django.db import connection

from children.models import Child
from core.dates import add_working_days
from placements.models import Placement

from ..calendar import add_months, latest_start_due_by
from ..models import LookedAfterReview
from ..registry import register_check
from .common import child_conditions

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
REMIND_DAYS_BEFORE = 14


@lru_cache(maxsize=4096)  # many children share a date; each is worked out once
def first_review_due(became):
    return add_working_days(became, FIRST_REVIEW_WORKING_DAYS)


@lru_cache(maxsize=4096)
def second_review_due(first):
    return add_months(first, SECOND_REVIEW_MONTHS)


@lru_cache(maxsize=4096)
def later_review_due(last):
    return add_months(last, LATER_REVIEW_MONTHS)


# One pass over the ledger, set-based: the children looked after on the day; for each, the day
# they became looked after (the latest placement that began a period of care, SSDA903 reason
# "S", else their first placement); then their reviews since that day, joined once and counted.
# (As an ORM query the day became looked after was repeated in every review subquery and every
# condition: twelve index probes a child, 6 s for 35,000 looked-after children.)
_LOOKED_AFTER_SQL = """
WITH looked_after AS (
    SELECT c.id AS child_id FROM {child} c
    WHERE (%(anyone)s OR c.social_worker_id = %(social_worker)s)
      AND EXISTS (SELECT 1 FROM {placement} p
                  WHERE p.child_id = c.id AND NOT p.entered_in_error AND p.start_date <= %(day)s
                    AND (p.end_date IS NULL OR p.end_date > %(day)s))
), episodes AS (
    SELECT p.child_id,
           COALESCE(MAX(CASE WHEN p.reason_new_episode = 'S' THEN p.start_date END),
                    MIN(p.start_date)) AS became
    FROM {placement} p JOIN looked_after l ON l.child_id = p.child_id
    WHERE NOT p.entered_in_error AND p.start_date <= %(day)s
    GROUP BY p.child_id
)
SELECT c.id, c.social_worker_id, c.first_name, c.last_name, e.became,
       COUNT(r.id), MIN(r.held_on), MAX(r.held_on)
FROM episodes e
JOIN {child} c ON c.id = e.child_id
LEFT JOIN {review} r ON r.child_id = e.child_id AND r.held_on >= e.became AND r.held_on <= %(day)s
GROUP BY c.id, c.social_worker_id, c.first_name, c.last_name, e.became
{having}
"""
_DUE = """
HAVING (COUNT(r.id) = 0 AND e.became <= %(first_by)s)
    OR (COUNT(r.id) = 1 AND MIN(r.held_on) <= %(second_by)s)
    OR (COUNT(r.id) >= 2 AND MAX(r.held_on) <= %(later_by)s)
"""
_COLUMNS = ("pk", "social_worker_id", "first_name", "last_name", "became", "reviews",
            "first_review", "last_review")  # fmt: skip


def looked_after_children(day: datetime.date, *, social_worker=None, due_by=None) -> list[dict]:
    """Children looked after on `day` (of one social worker's caseload if given), with the day
    they became looked after and the count, first and last of their reviews since; only those
    whose next review is due by `due_by` if given. Dicts keyed by _COLUMNS; one query."""
    sql = _LOOKED_AFTER_SQL.format(
        placement=Placement._meta.db_table,
        child=Child._meta.db_table,
        review=LookedAfterReview._meta.db_table,
        having=_DUE if due_by else "",
    )
    params = {"day": day, "anyone": social_worker is None,
              "social_worker": getattr(social_worker, "pk", social_worker)}  # fmt: skip
    if due_by:
        params |= {
            "first_by": latest_start_due_by(due_by, first_review_due),
            "second_by": latest_start_due_by(due_by, second_review_due),
            "later_by": latest_start_due_by(due_by, later_review_due),
        }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [_as_dict(row) for row in rows]


def _as_dict(row) -> dict:
    found = dict(zip(_COLUMNS, row, strict=True))
    for column in ("became", "first_review", "last_review"):
        if isinstance(found[column], str):  # SQLite gives dates worked out in SQL as text
            found[column] = datetime.date.fromisoformat(found[column])
    return found


def next_review_due(row) -> datetime.date:
    if row["reviews"] == 0:
        return first_review_due(row["became"])
    if row["reviews"] == 1:
        return second_review_due(row["first_review"])
    return later_review_due(row["last_review"])


def _ordinal(reviews_held):
    return {0: "first", 1: "second"}.get(reviews_held, "next")


@register_check("looked_after_review_due", title="Looked-after review due")
def looked_after_review_due(day):
    # Each clock only moves forward with its start, so "due by the horizon" is "started on or
    # before" a date worked out once, and the query compares plain dates.
    rows = looked_after_children(day, due_by=day + datetime.timedelta(days=REMIND_DAYS_BEFORE))

    def describe(row):
        due = next_review_due(row)
        state = "was due" if due < day else "is due"
        return {
            "due": due,
            "key": f"review-{row['reviews'] + 1}:{row['became'].isoformat()}",
            "summary": (
                f"The {_ordinal(row['reviews'])} looked-after review {state} by {due:%d/%m/%Y} "
                f"(looked after since {row['became']:%d/%m/%Y}). Arrange it with the independent "
                "reviewing officer and record it."
            ),
        }

    return child_conditions(rows, describe)
