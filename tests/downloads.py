"""Reading a list's download back, as a person's spreadsheet would open it."""

import csv
import datetime
import io

import openpyxl


def _text(value) -> str:
    """A cell as the CSV writes it, so the CSV and XLSX downloads compare equal."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return (value.date() if value.time() == datetime.time() else value).isoformat()
    return str(value)


def read_rows(content: bytes, fmt: str) -> list[list[str]]:
    """The file's rows (the headings first), each cell as text."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [[_text(cell) for cell in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def downloaded(response) -> list[list[str]]:
    """The rows of a download response, checking it is a CSV or XLSX attachment."""
    disposition = response["Content-Disposition"]
    assert response.status_code == 200 and disposition.startswith("attachment")
    fmt = disposition.rstrip('"').rsplit(".", 1)[1]
    content = b"".join(response.streaming_content)
    return read_rows(content, fmt)


def as_records(rows: list[list[str]]) -> list[dict]:
    headings, *body = rows
    return [dict(zip(headings, row, strict=True)) for row in body]


def every_page(client, url, query=None) -> list:
    """The rows of every page of a list, in order, as the list view puts them on its pages."""
    query = dict(query or {})
    first = client.get(url, query).context["page"]
    rows = list(first.object_list)
    for number in range(2, first.paginator.num_pages + 1):
        rows += list(client.get(url, {**query, "page": number}).context["page"].object_list)
    return rows


def both_downloads(client, export_name, query=None, args=()):
    """The list's CSV and XLSX downloads with the same query, read back as records."""
    from django.urls import reverse

    return [
        as_records(downloaded(client.get(reverse(export_name, args=[*args, fmt]), query or {})))
        for fmt in ("csv", "xlsx")
    ]
