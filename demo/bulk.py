"""Writing many rows fast: COPY on PostgreSQL, batched executemany elsewhere.

Rows carry their own ids (taken from `next_ids`), so related rows can point at each other
before anything is written; the id sequences are moved on afterwards.
"""

import datetime
import io
from contextlib import contextmanager
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

_BATCH = 50_000


def next_ids(model, count: int) -> range:
    """`count` fresh primary keys for `model`, above every id in use (the caller holds a lock)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        start = cursor.fetchone()[0] + 1
    return range(start, start + count)


def lock(*models):
    """Keep other writers out of these tables until the transaction ends (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in models)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def _kept_record_columns(model, columns):
    """Values for the columns the rows leave out: the time stamps and version of a KeptRecord,
    and every other NOT NULL column's model default (so a new field cannot break the load)."""
    now = timezone.now()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    extra = []
    for field in model._meta.concrete_fields:
        if field.attname in columns or field.primary_key:
            continue
        if field.attname in stamps:
            extra.append((field.attname, stamps[field.attname]))
        elif not field.null:
            extra.append((field.attname, field.get_default()))
    return extra


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": " ", "\n": " ", "\r": " "})
# How COPY's text format spells each Python value, by type (a dictionary is faster than ifs).
_COPY_TEXT = {
    type(None): lambda v: "\\N",
    bool: lambda v: "t" if v else "f",
    str: lambda v: v.translate(_ESCAPES),
    datetime.date: datetime.date.isoformat,
}


def _copy_text(value) -> str:
    return _COPY_TEXT.get(type(value), str)(value)


def _sqlite_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def insert(model, columns: list[str], rows) -> int:
    """Insert `rows` (tuples in the order of `columns`, attnames) into `model`'s table."""
    extra = _kept_record_columns(model, columns)
    all_columns = list(columns) + [c for c, _ in extra]
    tail = tuple(v for _, v in extra)
    table = model._meta.db_table
    written = 0
    batch = []
    for row in rows:
        batch.append(row + tail)
        if len(batch) >= _BATCH:
            written += _write(table, all_columns, batch)
            batch = []
    if batch:
        written += _write(table, all_columns, batch)
    return written


def _write(table, columns, batch) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in batch)
            cursor.cursor.copy_expert(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN", io.StringIO(text)
            )
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [tuple(map(_sqlite_value, row)) for row in batch],
            )
    return len(batch)


@contextmanager
def foreign_keys_checked_once(*models):
    """On PostgreSQL, check these tables' foreign keys once at the end instead of per row.

    Django's foreign keys are deferred constraints: PostgreSQL queues one check per row and runs
    them all at commit, which for a million rows is most of the load. Dropping the constraints
    and adding them back, by the same name and definition, validates every row in one join.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        keys = cursor.fetchall()
        # A table with checks still queued cannot be altered: run the queued checks now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _ in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def reset_sequences(*models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
