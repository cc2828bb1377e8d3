from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "timescales"
    verbose_name = "Statutory timescales and stay limits"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
