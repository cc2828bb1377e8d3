"""Install the standard home types (homes/home_types.py)."""

from django.db import migrations

from homes.home_types import ensure_standard_home_types


def add_types(apps, schema_editor):
    ensure_standard_home_types(apps.get_model("homes", "HomeType"))


class Migration(migrations.Migration):
    dependencies = [("homes", "0001_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
