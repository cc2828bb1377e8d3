"""The return's tables as the DfE CSV files: one file per table, the exact header, dates as
dd/mm/YYYY, UTF-8."""

import csv
import io

from .tables import COLUMNS, Tables, cell


def file_name(table: str) -> str:
    return f"{table}.csv"


def table_csv(table: str, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8")


def tables_csv(tables: Tables) -> dict[str, bytes]:
    """Every table's CSV, by file name."""
    return {file_name(table): table_csv(table, rows) for table, rows in tables.items()}
