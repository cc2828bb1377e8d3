from django.urls import path

from . import views

app_name = "careleavers"

urlpatterns = [
    path("", views.care_leaver_list, name="list"),
    path("export.<str:fmt>", views.care_leaver_list, name="export"),
    path("<int:pk>/", views.care_leaver_detail, name="detail"),
    path("<int:pk>/edit/", views.care_leaver_edit, name="edit"),
    path("start/<int:child_pk>/", views.care_leaver_new, name="new"),
    path("<int:pk>/in-touch/new/", views.in_touch_new, name="in_touch_new"),
]
