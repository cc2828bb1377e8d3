from django.urls import path

from . import views

app_name = "homes"

urlpatterns = [
    path("occupancy/", views.occupancy, name="occupancy"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/blocks/new/", views.block_add, name="block_add"),
    path("blocks/<int:pk>/cancel/", views.block_cancel, name="block_cancel"),
]
