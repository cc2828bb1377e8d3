"""`ssda903 import DIR [--prev DIR]`: a council's SSDA903 return (this year's CSV files, and
last year's for the history before it) loaded into the ledger. This is how a council moves to
Homeward.

All or nothing: the files are read and checked first (headers, dates, codes, UTF-8, size,
overlapping episodes, postcodes), then every child is written in one transaction through the
services the forms use (ssda903/import_stays.py, ssda903/import_records.py), each child in a
savepoint so that one refused row stops that child and the others are still checked. If any
row was refused, the transaction is rolled back: nothing changes and every problem is reported
with its file and line.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from audit import capture

from . import import_records as records
from .import_files import Problem, Return, Row, read_folder
from .import_stays import ImportFailed, check_chain, import_episodes
from .tables import CollectionYear

# How each table's rows are told apart, to join this year's files with last year's: a row in
# both (an episode open on 31 March, say) is taken from this year's.
KEYS = {
    "Header": ("CHILD",),
    "UASC": ("CHILD",),
    "Episodes": ("CHILD", "DECOM"),
    "Reviews": ("CHILD", "REVIEW"),
    "Missing": ("CHILD", "MIS_START"),
    "SWEpisodes": ("CHILD", "SW_DECOM"),
    "PlacedAdoption": ("CHILD", "DATE_PLACED"),
    "AD1": ("CHILD",),
    "OC2": ("CHILD", "_year"),
    "OC3": ("CHILD", "_year"),
    "PrevPerm": ("CHILD", "_year"),
}
ORDER = {
    "Episodes": "DECOM",
    "Reviews": "REVIEW",
    "Missing": "MIS_START",
    "SWEpisodes": "SW_DECOM",
    "PlacedAdoption": "DATE_PLACED",
}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    children: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    year: CollectionYear | None = None
    seconds: float = 0.0

    @property
    def imported(self) -> bool:
        return not self.problems and self.children > 0


@capture.as_by  # every row the import writes is the importing person's
def import_return(folder: Path, previous: Path | None = None, *, by) -> Report:
    started = time.monotonic()
    report = Report()
    this = read_folder(folder)
    last = read_folder(previous, "last year's ") if previous else Return()
    report.problems = this.problems + last.problems
    report.year = _year_of(this, report.problems, folder)
    if report.problems:
        return _done(report, started)
    children = _by_child(this, last, report.year)
    report.problems = _check(children)
    if report.problems:
        return _done(report, started)
    with transaction.atomic():
        for ref in sorted(children):
            try:
                with transaction.atomic():
                    _import_child(children[ref], by=by)
            except ImportFailed as failed:
                report.problems.append(failed.problem)
        if report.problems:
            transaction.set_rollback(True)
    if not report.problems:
        report.children = len(children)
        for tables in children.values():
            for table, rows in tables.items():
                report.rows[table] = report.rows.get(table, 0) + len(rows)
    return _done(report, started)


def _done(report: Report, started: float) -> Report:
    report.problems.sort(key=lambda p: (p.file, p.line, p.message))
    report.seconds = time.monotonic() - started
    return report


def _year_of(found: Return, problems: list[Problem], folder: Path) -> CollectionYear | None:
    """The collection year of a return: the one its latest episode or review date is in."""
    days = [
        row[column]
        for table, column in (("Episodes", "DECOM"), ("Episodes", "DEC"), ("Reviews", "REVIEW"))
        for row in found.tables.get(table, [])
        if row[column]
    ]
    if not days:
        if not problems:
            problems.append(Problem(str(folder), 0, "There is no Episodes file with dates."))
        return None
    latest = max(days)
    return CollectionYear(latest.year + 1 if latest.month >= 4 else latest.year)


def _by_child(this: Return, last: Return, year: CollectionYear) -> dict[str, dict]:
    """Every row, this year's over last year's, by child and table, in date order."""
    kept: dict[tuple, Row] = {}
    for found, when in ((last, year.previous), (this, year)):
        seen = set()
        for table, rows in found.tables.items():
            for row in rows:
                row.values["_year"] = when
                key = (table, *(row[key] for key in KEYS[table]))
                if key in seen:  # twice in the same files: both kept, for the checks to report
                    key = (*key, row.line)
                seen.add(key)
                kept[key] = row
    children: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for (table, ref, *_), row in kept.items():
        children[ref][table].append(row)
    for tables in children.values():
        for table, column in ORDER.items():
            tables[table].sort(key=lambda row, column=column: row[column])
    return children


def _check(children: dict[str, dict]) -> list[Problem]:
    """What is wrong before anything is written: children with no Header row, and episodes
    that overlap or name postcodes that do not exist."""
    problems = []
    for ref, tables in sorted(children.items()):
        if not tables.get("Header"):
            first = next(rows[0] for rows in tables.values() if rows)
            problems.append(first.problem(f"Child {ref} is not in the Header file."))
        problems += check_chain(tables.get("Episodes", []))
    return problems


def _import_child(tables: dict[str, list[Row]], *, by) -> None:
    (header,) = tables["Header"]
    uasc = tables["UASC"][0] if tables.get("UASC") else None
    child = records.create_child(header, uasc, tables.get("Episodes", []), by=by)
    records.social_worker_episodes(child, tables.get("SWEpisodes", []), by=by)
    import_episodes(child, tables.get("Episodes", []), by=by)
    child.refresh_from_db()
    records.reviews(child, tables.get("Reviews", []), by=by)
    records.missing_episodes(child, tables.get("Missing", []), by=by)
    for row in tables.get("OC2", []):
        records.outcomes_for_year(child, row, row["_year"].end, by=by)
    for row in tables.get("PrevPerm", []):
        records.previous_permanence(child, row, _period_began(tables, row["_year"]), by=by)
    adopted = tables["AD1"][0] if tables.get("AD1") else None
    placed = tables.get("PlacedAdoption", [])
    for number, row in enumerate(placed):
        records.adoption(child, row, adopted if number == len(placed) - 1 else None, by=by)
    if adopted is not None and not placed:
        records.adoption(child, None, adopted, by=by)
    for row in tables.get("OC3", []):
        year = row["_year"]
        row.values["_birthday"] = records.oc3_birthday(row, year.start, year.end)
        if row["_birthday"] is None:
            raise ImportFailed(row.problem("OC3 is for a care leaver with a 17th to 21st "
                                           f"birthday in {year.label}."))  # fmt: skip
    records.care_leaver(child, tables.get("OC3", []), by=by)
    records.settle_status(child, by=by)


def _period_began(tables: dict, year: CollectionYear):
    """The latest period of care the child began in the year (RNE S)."""
    began = [
        row["DECOM"]
        for row in tables.get("Episodes", [])
        if row["RNE"] == "S" and year.start <= row["DECOM"] <= year.end
    ]
    return max(began, default=None)
