"""The alerts list (URL namespace `alerts`), served under /alerts/."""

from django.urls import path

from . import alert_views

app_name = "alerts"

urlpatterns = [
    path("", alert_views.alert_list, name="list"),
    path("export.<str:fmt>", alert_views.alert_list, name="export"),
]
