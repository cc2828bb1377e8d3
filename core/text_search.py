"""Finding records by what a person types: every word in one of the record's fields."""

from functools import reduce
from operator import and_, or_

from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IContains

MOST_WORDS = 5  # of a search typed; more would narrow nothing a person looks for

# A name is written O'Brien, O’Brien (a phone's keyboard) or OBrien: searches ignore apostrophes
# in what is typed and in what is stored, so each finds the others.
APOSTROPHES = "'’‘"
_DROP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def _without_apostrophes(field: str):
    expression = F(field)
    for mark in APOSTROPHES:
        expression = Replace(expression, Value(mark), Value(""))
    return expression


def every_word(query: str, *fields: str, exactly: tuple[str, ...] = ()) -> Q | None:
    """Rows where each word typed is part of one of `fields`, or the whole of one of `exactly`
    (an identifier); a name typed as "Sam Okafor", "okafor s" or "O’Brien" for O'Brien. None
    when nothing was typed."""
    words = [w for w in (w.translate(_DROP_APOSTROPHES) for w in query.split()) if w]
    if not words:
        return None

    def matches(word):
        return reduce(
            or_,
            [Q(IContains(_without_apostrophes(f), word)) for f in fields]
            + [Q(**{f"{f}__iexact": word}) for f in exactly],
        )

    return reduce(and_, (matches(word) for word in words[:MOST_WORDS]))
