"""On PostgreSQL the database itself refuses two live placements of one child on the same day.

SQLite has no exclusion constraints; there the service check (placements.rules) is the guard.
The equality on child is written as a one-value range so no btree_gist extension is needed.
"""

from django.db import migrations

CREATE = """
ALTER TABLE placements_placement ADD CONSTRAINT placement_child_no_overlap
EXCLUDE USING gist (
    int8range(child_id, child_id, '[]') WITH =,
    daterange(start_date, end_date, '[)') WITH &&
) WHERE (NOT entered_in_error);
"""
DROP = "ALTER TABLE placements_placement DROP CONSTRAINT IF EXISTS placement_child_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
