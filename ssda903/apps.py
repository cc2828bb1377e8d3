from django.apps import AppConfig


class Ssda903Config(AppConfig):
    name = "ssda903"
    verbose_name = "SSDA903 return"
