from django.urls import path

from . import views

app_name = "children"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/export.<str:fmt>", views.search, name="search_export"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/key-worker/", views.key_worker, name="key_worker"),
    path("<int:pk>/social-worker/", views.allocate, name="allocate"),
]
