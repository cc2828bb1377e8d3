"""Counting how many things overlap on the busiest day of a period."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

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
