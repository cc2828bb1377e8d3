from django.urls import path

from . import views

app_name = "carers"

urlpatterns = [
    path("", views.household_list, name="list"),
    path("export.<str:fmt>", views.household_list, name="export"),
    path("new/", views.household_new, name="new"),
    path("<int:pk>/", views.household_detail, name="detail"),
    path("<int:pk>/approval/", views.approval_edit, name="approval"),
    path("<int:pk>/outreach/add/", views.outreach_add, name="outreach_add"),
    path("<int:pk>/edit/", views.household_edit, name="edit"),
    path("<int:pk>/carers/add/", views.carer_add, name="carer_add"),
    path("carers/<int:pk>/edit/", views.carer_edit, name="carer_edit"),
]
