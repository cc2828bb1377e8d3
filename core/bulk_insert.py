"""Writing many rows in one statement without building a model instance for each.

A first run at a million placements opens tens of thousands of alerts at once; Django's
bulk_create spends most of its time preparing model instances, so the checks write plain tuples.
"""

from django.db import connection


def insert_new(model, columns: list[str], rows: list[tuple], returning: list[str]) -> list[tuple]:
    """Insert `rows` (values in `columns` order, ready for the database) into `model`'s table,
    skipping rows that break a unique constraint; return the `returning` columns of the rows
    that went in. One statement on PostgreSQL, whatever the number of rows."""
    if not rows:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    tail = f"ON CONFLICT DO NOTHING RETURNING {', '.join(returning)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            types = [model._meta.get_field(c).cast_db_type(connection) for c in columns]
            arrays = ", ".join(f"%s::{t}[]" for t in types)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {tail}",
                [list(values) for values in zip(*rows, strict=True)],
            )
            return cursor.fetchall()
        # SQLite (development and tests): as many rows a statement as its variables allow.
        per_statement = max(1, connection.features.max_query_params // len(columns))
        one_row = f"({', '.join(['%s'] * len(columns))})"
        inserted = []
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([one_row] * len(batch))} {tail}",
                [value for row in batch for value in row],
            )
            inserted += cursor.fetchall()
        return inserted
