"""Finding records by what a person types: every word in one of the record's fields.

Names are compared plain, without apostrophes or accents, on both sides: O'Brien is found by
"O’Brien" (a phone's keyboard), "OBrien" or "obrien", Siân by "Sian", Wiśniewski by
"Wisniewski", whichever way the name was written when it was stored.

Both sides are put in one form, `search_text`: plain and in capitals. In the database it is a
function of that name (core/migrations/0002_search_text.py on PostgreSQL, `search_text` below
on SQLite), so a column can be searched as it is stored, or a generated column hold the form
ready: children's names and local identifiers are kept so (Child.search_text), with a trigram
index on PostgreSQL, so a search of the whole register reads only the children it finds.
"""

import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains

MOST_WORDS = 5  # of a search typed; more would narrow nothing a person looks for
APOSTROPHES = "'’‘"
# Apostrophes go, and letters that Unicode does not split into a letter and an accent become
# what PostgreSQL's unaccent makes them.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"}
    | dict.fromkeys(APOSTROPHES)
)


def search_text(text: str | None) -> str | None:
    """`text` as searches compare it: without apostrophes and accents, as PostgreSQL's unaccent
    writes it, and in capitals ("Siân O'Brien" -> "SIAN OBRIEN"). The SQL function of that name
    on SQLite connections (core/apps.py)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


class SearchText(Func):
    function = "search_text"
    output_field = TextField()


def every_word(query: str, *fields, exactly: tuple[str, ...] = ()) -> Q | None:
    """Rows where each word typed is part of one of `fields`, or the whole of one of `exactly`
    (an identifier); a name typed as "Sam Okafor" or "okafor s". A field is a name, put in
    search form as it is read, or an expression already in it (F("search_text")). None when
    nothing was typed."""
    words = search_text(query).split()
    if not words:
        return None

    def matches(word):
        return reduce(
            or_,
            [Q(Contains(SearchText(F(f)) if isinstance(f, str) else f, word)) for f in fields]
            + [Q(**{f"{f}__iexact": word}) for f in exactly],
        )

    return reduce(and_, (matches(word) for word in words[:MOST_WORDS]))
