"""`search_text(text)`: text as searches compare it (core/text_search.py), without apostrophes
or accents and in capitals, so that a generated column can hold it and an index find a part.

PostgreSQL's `unaccent` is STABLE (it looks its dictionary up by search path), and a stored
column or an index may only hold IMMUTABLE expressions: `search_text` names the dictionary by
its schema and is declared IMMUTABLE, which holds while that dictionary's rules stay as they
are. Capitals by ICU's root locale, whatever the column's collation. pg_trgm, a trusted
extension like unaccent, indexes the parts of words for `LIKE '%...%'`. On SQLite core/apps.py
registers a Python function of the same name on each connection.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT upper({schema}.unaccent('{schema}.unaccent'::regdictionary,
    replace(replace(replace($1, '''', ''), '’', ''), '‘', '')) COLLATE "und-x-icu") $$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(n.nspname) FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema_editor.execute(FUNCTION.format(schema=schema))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS search_text(text)")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_unaccent")]
    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
