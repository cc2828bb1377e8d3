from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("request/", views.request_report, name="request"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
]
