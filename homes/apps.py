from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def _put_back_standard_home_types(sender, apps=global_apps, **kwargs):
    """Every migrate, and every flush (a transactional test's end), leaves the standard home
    types in place, as contenttypes does for its rows. A flush sends no migration state."""
    from .home_types import ensure_standard_home_types

    ensure_standard_home_types(apps.get_model("homes", "HomeType"))


class HomesConfig(AppConfig):
    name = "homes"
    verbose_name = "Homes and beds"

    def ready(self):
        post_migrate.connect(_put_back_standard_home_types, sender=self)
