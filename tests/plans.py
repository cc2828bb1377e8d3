"""PostgreSQL's plan for a query, with some ways of reading forbidden: a test that an index can
serve a page asks for the plan with the alternatives ruled out and looks for the index in it."""

from django.db import connection, transaction


def plan(queryset, *, forbidden=("seqscan",)) -> str:
    """EXPLAIN of `queryset` with each of `forbidden` (seqscan, indexscan, sort...) disabled."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for way in forbidden:
            cursor.execute(f"SET LOCAL enable_{way} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
