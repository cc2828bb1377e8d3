from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/planned-end/", views.planned_end, name="planned_end"),
    path("<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("extensions/", views.extensions, name="extensions"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("matching/new/", views.matching_new, name="matching_new"),
    path("matching/<int:pk>/", views.matching_detail, name="matching_detail"),
]
