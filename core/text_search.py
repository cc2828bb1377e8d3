"""Finding records by what a person types: every word in one of the record's fields."""

from functools import reduce
from operator import and_, or_

from django.db.models import Q

MOST_WORDS = 5  # of a search typed; more would narrow nothing a person looks for


def every_word(query: str, *fields: str) -> Q | None:
    """Rows where each word typed is part of one of `fields` (a name typed as "Sam Okafor" or
    "okafor s"); None when nothing was typed."""
    words = query.split()[:MOST_WORDS]
    if not words:
        return None
    return reduce(
        and_, (reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields)) for word in words)
    )
