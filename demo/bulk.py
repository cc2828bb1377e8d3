"""Writing many rows fast: COPY on PostgreSQL, batched executemany elsewhere.

Rows carry their own ids (taken from `next_ids`), so related rows can point at each other
before anything is written; the id sequences are moved on afterwards.
"""

import csv
import datetime
import io
import itertools
import queue
import threading
from contextlib import contextmanager
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

_BATCH = 50_000


class _Null:
    """None as COPY reads it (the csv module would write None as an empty string)."""

    def __str__(self):
        return "\\N"


_NULL = _Null()


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
        if field.attname in columns or field.primary_key or field.generated:
            continue
        if field.attname in stamps:
            extra.append((field.attname, stamps[field.attname]))
        elif not field.null:
            extra.append((field.attname, field.get_default()))
    return extra


def _sqlite_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def insert(model, columns: list[str], rows) -> int:
    """Insert `rows` (tuples in the order of `columns`, attnames) into `model`'s table. On
    PostgreSQL the rows are read while the COPY runs, so making them must not use the database."""
    if connection.vendor == "postgresql":
        # One COPY for the whole table, formatted a part at a time as psycopg2 reads it:
        # PostgreSQL stores each part while the next is being formatted.
        table = _CsvTable(model, columns)
        rows = iter(rows)
        table.copy(iter(lambda: table.text(list(itertools.islice(rows, _PART))), ""))
        return table.written
    extra = _kept_record_columns(model, columns)
    all_columns = list(columns) + [c for c, _ in extra]
    tail = tuple(v for _, v in extra)
    rows, written = iter(rows), 0
    while batch := [row + tail for row in itertools.islice(rows, _BATCH)]:
        written += _insert_sqlite(model._meta.db_table, all_columns, batch)
    return written


_PART = 5_000


class _CsvTable:
    """Rows for one table as CSV text, and the COPY that reads it.

    Written by the csv module (in C) with every text quoted; None becomes \\N, which FORCE_NULL
    reads as NULL even quoted. The values every row shares (time stamps, version) are formatted
    once, as the end of each line."""

    def __init__(self, model, columns):
        extra = _kept_record_columns(model, columns)
        self.table = model._meta.db_table
        self.columns = list(columns) + [c for c, _ in extra]
        end = io.StringIO()
        csv.writer(end, quoting=csv.QUOTE_NONNUMERIC, lineterminator="").writerow(
            [v for _, v in extra]
        )
        self.line_end = ("," + end.getvalue() if extra else "") + "\n"
        self.written = 0

    def text(self, rows) -> str:
        self.written += len(rows)
        out = io.StringIO()
        csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator=self.line_end).writerows(
            [_NULL if value is None else value for value in row] for row in rows
        )
        return out.getvalue()

    def copy(self, texts, raw_connection=None):
        """COPY the texts in order (an iterator; "" ends it) on the connection given, else on
        this thread's Django connection."""
        if raw_connection is None:
            connection.ensure_connection()
            raw_connection = connection.connection
        names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        with raw_connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {self.table} ({names}) FROM STDIN "
                f"WITH (FORMAT csv, NULL '\\N', FORCE_NULL ({names}))",
                _Reader(texts),
                size=1 << 20,
            )


class _Reader:
    """A file for psycopg2's copy_expert: each read gives the next text."""

    def __init__(self, texts):
        self.texts = texts

    def read(self, size=-1):
        return next(self.texts, "")


class BackgroundInsert:
    """Rows sent while they are still being worked out (a context manager): on PostgreSQL a COPY
    on this transaction's connection, run by a thread, stores them while the caller goes on
    (which must not use the database until the block ends). The caller formats what it sends;
    the thread only passes it on, so the two hardly ever wait for each other's turn in Python.
    Elsewhere the rows are inserted when the block ends."""

    def __init__(self, model, columns: list[str]):
        self.model, self.columns = model, columns
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = None
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            self.table = _CsvTable(model, columns)
            texts = iter(self.queue.get, "")
            self.thread = threading.Thread(
                target=self._copy, args=(texts, connection.connection), daemon=True
            )
            self.thread.start()

    def _copy(self, texts, raw_connection):
        try:
            self.table.copy(texts, raw_connection)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            self.error = error

    def send(self, rows: list[tuple]):
        if rows:  # an empty text would end the COPY
            self.queue.put(self.table.text(rows) if self.thread else rows)

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        """Ends the COPY either way, so the connection is free again for the transaction to
        commit, or to roll back when the caller failed."""
        self.queue.put("")
        if self.thread is None:
            if error is None:
                insert(self.model, self.columns, itertools.chain.from_iterable(
                    iter(self.queue.get, "")))  # fmt: skip
            return
        self.thread.join()
        if error is None and hasattr(self, "error"):
            raise self.error


def _insert_sqlite(table, columns, batch) -> int:
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(map(connection.ops.quote_name, columns))}) VALUES ({marks})",
            [tuple(map(_sqlite_value, row)) for row in batch],
        )
    return len(batch)


@contextmanager
def indexes_built_after(*models):
    """On PostgreSQL, build these tables' plain indexes once after the load instead of adding
    every row to each of them as it comes (about a third of loading a million placements).

    Unique and constraint indexes (the primary key, the no-overlap exclusion) stay, so every
    row is still checked as it arrives. The indexes come back by the same name and definition.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)


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
