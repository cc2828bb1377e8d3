"""Lists as files: CSV and Excel (XLSX) downloads of the rows a list shows, every page of them.

Rows are written as they are read, so a list of any length takes bounded memory: a CSV streams
to the browser as it is written; an XLSX is written row by row (openpyxl's write-only mode) to
a temporary file, which is then streamed.

A text cell that a spreadsheet would run as a formula (one starting with = + - @, a tab or a
carriage return) gets a leading apostrophe, so it is shown as the text that was typed.
"""

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from core.dates import today

FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 1000  # rows read from the database at a time


@dataclass(frozen=True)
class Column:
    """One column of a download: its heading, and the row's value, given as a dotted attribute
    path ("child.full_name"; a method on the way is called) or a function of the row."""

    heading: str
    value: str | Callable

    def of(self, row):
        if callable(self.value):
            return self.value(row)
        for name in self.value.split("."):
            if row is None:
                return None
            row = getattr(row, name)
            if callable(row):
                row = row()
        return row


@dataclass(frozen=True)
class Export:
    """What a list downloads: its title (the file's name), the model its rows are, its columns,
    and whether the rows name children (refused to anyone who may open no child's record)."""

    title: str
    model: type
    columns: tuple[Column, ...]
    names_children: bool = True


def safe_cell(value):
    """The value as a spreadsheet should get it: numbers and dates as they are, anything else
    as text that no spreadsheet will run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def in_chunks(rows: Iterable, prepare: Callable[[list], Iterable], size: int = CHUNK) -> Iterator:
    """`rows` passed through `prepare` a chunk at a time: for what a list page works out for
    the rows on it (their current placements, their beds today) in a fixed number of queries."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield from prepare(chunk)
            chunk = []
    if chunk:
        yield from prepare(chunk)


def filename(title: str, fmt: str) -> str:
    return f"{slugify(title)}-{today():%Y-%m-%d}.{fmt}"


def download(fmt: str, title: str, columns: list[Column], rows: Iterable):
    """The response that downloads `rows` as a `fmt` ("csv" or "xlsx") file named after `title`."""
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(columns, rows), content_type="text/csv")
        response["Content-Disposition"] = content_disposition_header(True, filename(title, fmt))
        return response
    if fmt == "xlsx":
        return FileResponse(
            _xlsx_file(title, columns, rows), as_attachment=True, filename=filename(title, fmt)
        )
    raise ValueError(f"Unknown download format {fmt!r}")


class _Echo:
    """A file-like object whose write hands the line back, for streaming csv.writer's output."""

    def write(self, line):
        return line


def _csv_text(value):
    value = safe_cell(value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def _csv_lines(columns, rows):
    writer = csv.writer(_Echo())
    # The byte order mark tells Excel the file is UTF-8 (names with accents, "–").
    yield "\ufeff" + writer.writerow([c.heading for c in columns])
    for row in rows:
        yield writer.writerow([_csv_text(c.of(row)) for c in columns])


def _xlsx_file(title, columns, rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    heading_font = Font(bold=True)
    headings = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.heading)
        cell.font = heading_font
        headings.append(cell)
    sheet.append(headings)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, safe_cell(c.of(row))) for c in columns])
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    book.save(file)
    file.seek(0)
    return file


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        # Control characters are not allowed in an XLSX file; they carry no meaning in a list.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        is_time = isinstance(value, datetime.datetime)
        cell.number_format = "dd/mm/yyyy hh:mm" if is_time else "dd/mm/yyyy"
        return cell
    return value  # a plain value makes a plain cell, the quickest to write
