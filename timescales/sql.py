"""Date arithmetic inside queries, for SQLite and PostgreSQL alike."""

from django.db.models import DateField, Func, IntegerField


class AddDays(Func):
    """`date` plus `days` (an integer expression, e.g. a column)."""

    output_field = DateField()

    def _parts(self, compiler):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return date_sql, days_sql, (*date_params, *days_params)

    def as_sql(self, compiler, connection, **extra):
        date_sql, days_sql, params = self._parts(compiler)
        return f"({date_sql} + CAST({days_sql} AS integer))", params

    def as_sqlite(self, compiler, connection, **extra):
        date_sql, days_sql, params = self._parts(compiler)
        return f"date({date_sql}, CAST({days_sql} AS integer) || ' days')", params


class DaysBetween(Func):
    """Whole days from `earlier` to `later`."""

    output_field = IntegerField()

    def _parts(self, compiler):
        later_sql, later_params = compiler.compile(self.source_expressions[0])
        earlier_sql, earlier_params = compiler.compile(self.source_expressions[1])
        return later_sql, earlier_sql, (*later_params, *earlier_params)

    def as_sql(self, compiler, connection, **extra):
        later_sql, earlier_sql, params = self._parts(compiler)
        return f"({later_sql} - {earlier_sql})", params

    def as_sqlite(self, compiler, connection, **extra):
        later_sql, earlier_sql, params = self._parts(compiler)
        return f"CAST(julianday({later_sql}) - julianday({earlier_sql}) AS integer)", params
