"""The return, read from the ledger: one function per DfE table, each a fixed number of
queries whatever the number of children (rows are read with `values_list` or in one pass,
never per child). The Episodes come from `placements.episodes`, which splits stays at legal
status changes and works out each new episode's reason; the tables beside them are in
`ssda903/export_tables.py`.
"""

from collections.abc import Callable

from children.models import Child
from core import codes
from placements.episodes import episodes as ledger_episodes

from . import export_tables
from .export_tables import looked_after_in
from .tables import COLUMNS, CollectionYear, Row, Tables


def episodes(year: CollectionYear) -> list[Row]:
    """The 903 episodes open on any of the year's days so far. An unaccompanied asylum-seeking
    child has no home postcode in the return (the DfE asks no distance for them, rule 406)."""
    children = looked_after_in(year)
    local_ids, uasc = {}, set()
    for pk, local_id, is_uasc in children.values_list("pk", "local_id", "is_uasc"):
        local_ids[pk] = local_id
        if is_uasc:
            uasc.add(pk)
    found = ledger_episodes(children, year.start, year.last_day)
    rows = []
    for child_id in sorted(found, key=local_ids.__getitem__):
        home = child_id not in uasc
        for e in found[child_id]:
            rows.append(
                _blanks(
                    (local_ids[child_id], e.DECOM, e.RNE, e.LS, e.CIN, e.PLACE, e.PLACE_PROVIDER,
                     e.DEC, e.REC, e.REASON_PLACE_CHANGE, e.HOME_POST if home else None,
                     e.PL_POST, e.URN)
                )
            )  # fmt: skip
    return rows


def _blanks(row) -> Row:
    return tuple(None if value == "" else value for value in row)


def header(year: CollectionYear, tables: Tables) -> list[Row]:
    """Every child with a row in any table. MOTHER (1 or 0) is given only for a girl or young
    woman looked after in the year other than on short breaks (rules 393, 399, 628), with her
    child's date of birth when it is on or before the return's last day (rule 625)."""
    in_return = {row[0] for rows in tables.values() for row in rows}
    in_care = {
        row[0] for row in tables["Episodes"] if row[3] not in codes.SHORT_BREAK_LEGAL_STATUSES
    }
    rows = (
        Child.objects.filter(local_id__in=in_return)
        .order_by("local_id")
        .values_list(
            "local_id", "sex", "date_of_birth", "ethnicity", "upn", "is_mother", "child_born_on"
        )
    )
    found = []
    for child, sex, dob, ethnic, upn, is_mother, born in rows.iterator(chunk_size=10_000):
        mother = born if is_mother and born is not None and born <= year.last_day else None
        asked = sex == codes.Sex.FEMALE and child in in_care
        flag = ("1" if mother else "0") if asked else None
        found.append(_blanks((child, sex, dob, ethnic, upn, flag, mother if asked else None)))
    return found


# Every table but the Header, which lists the children found in them.
BUILDERS: dict[str, Callable[[CollectionYear], list[Row]]] = {
    "Episodes": episodes,
    "Reviews": export_tables.reviews,
    "UASC": export_tables.uasc,
    "OC2": export_tables.oc2,
    "OC3": export_tables.oc3,
    "AD1": export_tables.ad1,
    "PlacedAdoption": export_tables.placed_adoption,
    "PrevPerm": export_tables.previous_permanence,
    "Missing": export_tables.missing,
    "SWEpisodes": export_tables.social_worker_episodes,
}


def build(year: CollectionYear) -> Tables:
    """Every table of the return, in the DfE's order."""
    tables = {table: BUILDERS[table](year) for table in COLUMNS if table != "Header"}
    return {
        table: tables[table] if table != "Header" else header(year, tables) for table in COLUMNS
    }
