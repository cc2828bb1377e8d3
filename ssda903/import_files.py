"""Reading a council's SSDA903 CSV files for the import: every problem found is kept with its
file and line, so one run reports them all.

A file is recognised by its header (the exact DfE column set, as the validator does: file names
do not matter), must be UTF-8 text (a byte-order mark is fine) and no larger than
`SSDA903_IMPORT_MAX_BYTES`. Dates are dd/mm/YYYY; codes must be on the DfE's lists.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from core import codes

from .tables import COLUMNS


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1 is the header; 0 when it is about the whole file
    message: str

    def __str__(self):
        return (
            f"{self.file} line {self.line}: {self.message}"
            if self.line
            else (f"{self.file}: {self.message}")
        )


@dataclass
class Row:
    """One data row: its values by column (dates as dates, blanks as ""), and where it is."""

    table: str
    file: str
    line: int
    values: dict

    def __getitem__(self, column):
        return self.values[column]

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, message)


@dataclass
class Return:
    """One year's files read: rows by table, and the problems found reading them."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


DATE_COLUMNS = {"DOB", "MC_DOB", "DECOM", "DEC", "REVIEW", "DUC", "DATE_INT", "DATE_MATCH",
                "DATE_PLACED", "DATE_PLACED_CEASED", "DATE_PERM", "MIS_START", "MIS_END",
                "SW_DECOM", "SW_DEC"}  # fmt: skip
YES_NO = {"0", "1"}


def _choices(enum) -> set[str]:
    return {str(value) for value in enum.values}


# Columns whose values must be on a DfE list (blank is checked by the rules that need it).
CODE_LISTS = {
    "SEX": _choices(codes.Sex),
    "ETHNIC": _choices(codes.Ethnicity),
    "MOTHER": YES_NO,
    "RNE": _choices(codes.ReasonNewEpisode),
    "LS": _choices(codes.LegalStatus),
    "CIN": _choices(codes.CategoryOfNeed),
    "PLACE": _choices(codes.PlacementType),
    "PLACE_PROVIDER": _choices(codes.PlacementProvider),
    "REC": _choices(codes.ReasonEpisodeCeased),
    "REASON_PLACE_CHANGE": _choices(codes.ReasonPlacementChange),
    "REVIEW_CODE": _choices(codes.ReviewParticipation),
    "SDQ_REASON": _choices(codes.SdqReason),
    "IN_TOUCH": _choices(codes.InTouch),
    "ACTIV": _choices(codes.CareLeaverActivity),
    "ACCOM": _choices(codes.CareLeaverAccommodation),
    "FOSTER_CARE": YES_NO,
    "NB_ADOPTR": {"1", "2"},
    "SEX_ADOPTR": _choices(codes.AdoptersSex),
    "LS_ADOPTR": _choices(codes.AdoptersLegalStatus),
    "REASON_PLACED_CEASED": _choices(codes.AdoptionDecisionEnded) - {"E11", "E12"},
    "PREV_PERM": _choices(codes.PreviousPermanence),
    "MISSING": _choices(codes.MissingType),
    "SW_REASON": _choices(codes.SocialWorkerChangeReason),
} | dict.fromkeys(
    ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
     "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    YES_NO,
)  # fmt: skip


def read_folder(folder: Path, label: str = "") -> Return:
    """Every CSV file in the folder, each read as the table its header names. Problems name
    the file, after `label` (last year's files are "last year's Episodes.csv")."""
    found = Return()
    paths = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not paths:
        found.problems.append(Problem(str(folder), 0, "There are no CSV files in this folder."))
    for path in paths:
        read_file(label + path.name, path, found)
    return found


def read_file(name: str, path: Path, into: Return) -> None:
    limit = settings.SSDA903_IMPORT_MAX_BYTES
    if path.stat().st_size > limit:
        into.problems.append(Problem(name, 0, f"The file is larger than {_size(limit)}: "
                                              "split the return or ask for a higher limit."))  # fmt: skip
        return
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        into.problems.append(
            Problem(
                name,
                0,
                f"The file is not UTF-8 text (byte {exc.start + 1} is not): save it "
                "again as “CSV UTF-8” and import it again.",
            )  # fmt: skip
        )
        return
    lines = csv.reader(io.StringIO(text, newline=""))
    header = [column.strip() for column in next(lines, [])]
    table = next((t for t, columns in COLUMNS.items() if set(columns) == set(header)), None)
    if table is None:
        into.problems.append(Problem(name, 1, _unknown_header(header)))
        return
    if table in into.tables:
        into.problems.append(Problem(name, 0, f"A second {table} file: give each table once."))
        return
    rows = into.tables[table] = []
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            into.problems.append(Problem(name, number, f"The row has {len(cells)} cells; the "
                                                       f"header has {len(header)}."))  # fmt: skip
            continue
        raw = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        row = Row(table, name, number, {})
        for column, value in raw.items():
            row.values[column] = _value(column, value, row, into.problems)
        rows.append(row)


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


def _unknown_header(header: list[str]) -> str:
    """Which table the header is nearest to, and what it lacks or has too many of."""
    given = set(header)
    table, columns = max(COLUMNS.items(), key=lambda item: len(given & set(item[1])))
    missing = [c for c in columns if c not in given]
    extra = [c for c in header if c not in columns]
    said = []
    if missing:
        said.append("it lacks " + ", ".join(missing))
    if extra:
        said.append("it has " + ", ".join(extra) + " too")
    return (
        f"The header is not a DfE table's. Nearest is {table} ({', '.join(columns)}): "
        + " and ".join(said)
        + "."
    )


def _value(column: str, value: str, row: Row, problems: list[Problem]):
    if value == "":
        return ""
    if column in DATE_COLUMNS:
        try:
            return datetime.datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError:
            problems.append(row.problem(f"{column} {value} is not a date as dd/mm/YYYY."))
            return None
    allowed = CODE_LISTS.get(column)
    if allowed is not None and value.upper() not in allowed:
        problems.append(row.problem(f"{column} {value} is not a DfE code for {column}."))
        return None
    return value.upper() if allowed is not None else value
