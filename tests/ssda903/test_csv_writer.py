"""The DfE CSV files: exact headers (those the validator recognises), dates as dd/mm/YYYY,
blanks as empty cells; and the collection year's dates."""

import csv
import datetime
import io

from lac_validator.config import column_names

from ssda903.csv_writer import table_csv, tables_csv
from ssda903.tables import COLUMNS, CollectionYear

D = datetime.date


def test_headers_are_the_dfe_headers_in_order():
    assert {t: list(c) for t, c in COLUMNS.items()} == {
        t: c
        for t, c in column_names.items()
        if t != "DoLo"  # DoLo: rules from 2026-27 only
    }
    for table, columns in COLUMNS.items():
        first_line = table_csv(table, []).decode().splitlines()[0]
        assert first_line == ",".join(columns)


def test_dates_are_day_month_year_and_blanks_are_empty():
    content = table_csv(
        "Episodes",
        [
            (
                "C1",
                D(2025, 4, 1),
                "S",
                "C2",
                "N1",
                "K2",
                "PR1",
                None,
                "",
                None,
                "LS8 3QW",
                "LS14 6ZS",
                "SC1",
            )
        ],
    )
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert rows[1] == [
        "C1",
        "01/04/2025",
        "S",
        "C2",
        "N1",
        "K2",
        "PR1",
        "",
        "",
        "",
        "LS8 3QW",
        "LS14 6ZS",
        "SC1",
    ]
    assert content.endswith(b"\r\n")


def test_every_table_is_a_file_named_after_it():
    files = tables_csv({table: [] for table in COLUMNS})
    assert sorted(files) == sorted(f"{table}.csv" for table in COLUMNS)


def test_collection_year_is_named_by_its_end():
    year = CollectionYear(2026)
    assert (year.start, year.end, year.last_day, year.label) == (
        D(2025, 4, 1),
        D(2026, 3, 31),
        D(2026, 3, 31),
        "2025-26",
    )
    assert year.previous == CollectionYear(2025)


def test_the_year_so_far_stops_at_the_day():
    assert CollectionYear.containing(D(2026, 12, 6)) == CollectionYear(2027, as_of=D(2026, 12, 6))
    assert CollectionYear.containing(D(2026, 12, 6)).last_day == D(2026, 12, 6)
    assert CollectionYear.containing(D(2026, 3, 31)).year == 2026
    assert CollectionYear.containing(D(2026, 4, 1)).year == 2027
