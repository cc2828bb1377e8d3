from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("export.<str:fmt>", views.search, name="export"),
    path("children/<int:pk>/", views.child_history, name="child_history"),
]
