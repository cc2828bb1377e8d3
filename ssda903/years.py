"""The collection years the return can be made for: the validator (0.1.17) has rules from
2022-23 to 2026-27."""

from core.dates import today

from .tables import CollectionYear

FIRST_YEAR = 2023
LAST_YEAR = 2027


def offered() -> list[CollectionYear]:
    """The year running now (its return so far) first, then each earlier year."""
    running = CollectionYear.containing(today())
    return [running] + [CollectionYear(y) for y in range(running.year - 1, FIRST_YEAR - 1, -1)]


def chosen(year: int) -> CollectionYear | None:
    return next((y for y in offered() if y.year == year), None)
