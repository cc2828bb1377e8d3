from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Regulation 44 and 45"

    def ready(self):
        from . import checks  # noqa: F401  (registers the daily checks with timescales)
