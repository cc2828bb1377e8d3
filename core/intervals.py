"""Counting how many things overlap on the busiest day of a period."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connections

Interval = tuple[datetime.date, datetime.date | None, int]  # [start, end) and a weight


def peak(intervals: Iterable[Interval], start: datetime.date, end: datetime.date | None) -> int:
    """The largest total weight in use on any single day of [start, end) (end None: open)."""
    changes: dict[datetime.date, int] = defaultdict(int)
    for s, e, weight in intervals:
        s = max(s, start)
        if end is not None and s >= end:
            continue
        if e is not None and e <= s:
            continue
        changes[s] += weight
        if e is not None:
            changes[e] -= weight
    in_use = highest = 0
    for day in sorted(changes):
        in_use += changes[day]
        highest = max(highest, in_use)
    return highest


def peaks(uses, start: datetime.date, end: datetime.date | None) -> dict:
    """{key: the largest total weight in use on any single day of [start, end)}, as `peak`
    counts it, for many keys (homes, say) in one query however many records, in the database:
    a running sum of each key's changes, day by day. `uses` are querysets of records that
    share a day with [start, end) (their `overlapping`), as rows of (key, start_date,
    end_date, weight); a key with no rows is left out (its peak is 0)."""
    parts, params = [], []
    for n, rows in enumerate(uses):
        # Unordered: the running sum orders by day itself, and a model's default ordering
        # would sort every row (and join homes to sort bed blocks by the home's name).
        sql, part_params = rows.order_by().query.sql_with_params()
        parts.append(f"u{n}(k, s, e, w) AS ({sql})")
        params.extend(part_params)
    every_use = " UNION ALL ".join(f"SELECT k, s, e, w FROM u{n}" for n in range(len(parts)))
    query = f"""
        WITH {", ".join(parts)},
        uses AS ({every_use}),
        changes(k, day, delta) AS (
            SELECT k, CASE WHEN s < %s THEN %s ELSE s END, w FROM uses
            UNION ALL
            SELECT k, e, -w FROM uses WHERE e IS NOT NULL
        ),
        daily AS (SELECT k, day, SUM(delta) AS delta FROM changes GROUP BY k, day),
        running AS (
            SELECT k, SUM(delta) OVER (PARTITION BY k ORDER BY day ROWS UNBOUNDED PRECEDING)
                AS in_use
            FROM daily
        )
        SELECT k, MAX(in_use) FROM running GROUP BY k
    """
    with connections[uses[0].db].cursor() as cursor:
        cursor.execute(query, [*params, start, start])
        return dict(cursor.fetchall())
