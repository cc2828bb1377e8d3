"""The homes' pages (URL namespace `homes`), served by the ledger: placements/home_views.py, and
adding and changing homes: placements/home_record_views.py."""

from django.urls import path

from . import home_record_views as records
from . import home_views as views

app_name = "homes"

urlpatterns = [
    path("occupancy/", views.occupancy, name="occupancy"),
    path("occupancy/export.<str:fmt>", views.occupancy, name="occupancy_export"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/export.<str:fmt>", views.vacancies, name="vacancies_export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/blocks/new/", views.block_add, name="block_add"),
    path("blocks/<int:pk>/cancel/", views.block_cancel, name="block_cancel"),
    path("new/", records.home_new, name="new"),
    path("<int:pk>/edit/", records.home_edit, name="edit"),
    path("<int:pk>/people/", records.home_people, name="people"),
    path("<int:pk>/units/add/", records.unit_add, name="unit_add"),
    path("units/<int:pk>/edit/", records.unit_edit, name="unit_edit"),
]
