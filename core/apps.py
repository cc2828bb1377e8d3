from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_functions(sender, connection, **kwargs):
    """SQLite has no unaccent; PostgreSQL's comes from its extension (core/migrations)."""
    if connection.vendor == "sqlite":
        from .text_search import unaccent

        connection.connection.create_function("unaccent", 1, unaccent, deterministic=True)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import logs

        logs.configure_structlog()
        connection_created.connect(_sqlite_functions, dispatch_uid="homeward-sqlite-functions")
