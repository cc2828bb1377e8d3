from django.urls import path

from . import views

app_name = "careleavers"

urlpatterns = [
    path("", views.care_leaver_list, name="list"),
    path("<int:pk>/", views.care_leaver_detail, name="detail"),
    path("<int:pk>/edit/", views.care_leaver_edit, name="edit"),
]
