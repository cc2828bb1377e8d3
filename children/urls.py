from django.urls import path

from . import views

app_name = "children"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
