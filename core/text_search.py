"""Finding records by what a person types: every word in one of the record's fields.

Names are compared plain, without apostrophes or accents, on both sides: O'Brien is found by
"O’Brien" (a phone's keyboard), "OBrien" or "obrien", Siân by "Sian", Wiśniewski by
"Wisniewski", whichever way the name was written when it was stored.
"""

import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import CharField, F, Func, Q, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IContains

MOST_WORDS = 5  # of a search typed; more would narrow nothing a person looks for
APOSTROPHES = "'’‘"
_DROP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)
# Letters that Unicode does not split into a letter and an accent; PostgreSQL's unaccent maps
# them so.
_OWN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"}
)


def unaccent(text: str | None) -> str | None:
    """`text` without its accents ("Siân Wiśniewska" -> "Sian Wisniewska"): what PostgreSQL's
    unaccent does, and the function of that name on SQLite connections (core/apps.py)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_OWN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain(field: str):
    expression = F(field)
    for mark in APOSTROPHES:
        expression = Replace(expression, Value(mark), Value(""))
    return Func(expression, function="UNACCENT", output_field=CharField())


def every_word(query: str, *fields: str, exactly: tuple[str, ...] = ()) -> Q | None:
    """Rows where each word typed is part of one of `fields` (compared plain), or the whole of
    one of `exactly` (an identifier); a name typed as "Sam Okafor" or "okafor s". None when
    nothing was typed."""
    words = unaccent(query).translate(_DROP_APOSTROPHES).split()
    if not words:
        return None

    def matches(word):
        return reduce(
            or_,
            [Q(IContains(_plain(f), word)) for f in fields]
            + [Q(**{f"{f}__iexact": word}) for f in exactly],
        )

    return reduce(and_, (matches(word) for word in words[:MOST_WORDS]))
