"""Searches of the whole register (an administrator's, the placement form's) without reading
every child: the names and local identifier kept in search form by the database
(Child.search_text), with a trigram index on PostgreSQL to find the part typed, and an index on
the UPN in any case for a search typed as a whole one. SQLite, for one council's demo,
reads the table."""

from django.db import migrations, models
from django.db.models.functions import Concat, Upper

import core.text_search


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX child_search_text ON children_child USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS child_search_text")


class Migration(migrations.Migration):
    dependencies = [("children", "0007_names_in_reading_order"), ("core", "0002_search_text")]

    operations = [
        migrations.AddField(
            model_name="child",
            name="search_text",
            field=models.GeneratedField(
                db_persist=True,
                expression=core.text_search.SearchText(
                    Concat(
                        "first_name",
                        models.Value(" "),
                        "last_name",
                        models.Value(" "),
                        "local_id",
                        output_field=models.TextField(),
                    )
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.AddIndex(
            model_name="child", index=models.Index(Upper("upn"), name="child_upn_any_case")
        ),
    ]
