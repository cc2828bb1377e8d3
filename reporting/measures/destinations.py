"""Where children went next when their stay ended."""

from collections import defaultdict

from django.db.models import (
    Count,
)

from placements.models import Outcome

from ..periods import Period
from .common import home_stays, measure

NOT_RECORDED = "Not recorded"


@measure(
    "Where children went next",
    "For stays in children's homes that ended in the period, the recorded outcome: home to "
    "family, kinship care, foster care, another children's home, independence, and others.",
)
def destinations(period: Period) -> dict[str, dict[str, int]]:
    rows = (
        home_stays()
        .filter(end_date__gte=period.start, end_date__lt=period.end)
        .values("home__home_type__name", "outcome")
        .annotate(n=Count("id"))
    )
    labels = dict(Outcome.choices)
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        label = labels.get(row["outcome"], NOT_RECORDED)
        result[row["home__home_type__name"]][label] = row["n"]
    return dict(result)
