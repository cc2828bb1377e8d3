from django.apps import AppConfig


class CareLeaversConfig(AppConfig):
    name = "careleavers"
    verbose_name = "Care leavers"
