from django.urls import path

from . import views

app_name = "carers"

urlpatterns = [
    path("", views.household_list, name="list"),
    path("<int:pk>/", views.household_detail, name="detail"),
    path("<int:pk>/approval/", views.approval_edit, name="approval"),
    path("<int:pk>/outreach/add/", views.outreach_add, name="outreach_add"),
]
