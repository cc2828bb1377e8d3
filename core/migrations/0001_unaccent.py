"""PostgreSQL's unaccent extension, for searches that find Siân when Sian is typed
(core/text_search.py). A trusted extension: the database's owner may create it. Nothing on
SQLite, where core/apps.py registers a function of the same name on each connection."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    operations = [UnaccentExtension()]
