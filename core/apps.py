from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_functions(sender, connection, **kwargs):
    """Searches compare text by `search_text`, which PostgreSQL has from core/migrations."""
    if connection.vendor == "sqlite":
        from .text_search import search_text

        connection.connection.create_function("search_text", 1, search_text, deterministic=True)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import logs

        logs.configure_structlog()
        connection_created.connect(_sqlite_functions, dispatch_uid="homeward-sqlite-functions")
