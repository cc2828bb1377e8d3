from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path(
        "children/<int:pk>/subject-access/",
        views.subject_access_request,
        name="subject_access",
    ),
    path(
        "children/<int:pk>/subject-access.<str:fmt>",
        views.subject_access_download,
        name="subject_access_download",
    ),
]
