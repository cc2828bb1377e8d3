from django.urls import path

from . import views

app_name = "ssda903"

urlpatterns = [
    path("", views.data_quality, name="data_quality"),
    path("check/", views.check_now, name="check_now"),
    path("children.<str:fmt>", views.children_download, name="children_export"),
    path("download/<int:year>/", views.download, name="download"),
]
