from django.urls import path

from . import views

app_name = "timescales"

urlpatterns = [
    path("<int:pk>/reviews/new/", views.record, {"kind": "review"}, name="review_create"),
    path("<int:pk>/visits/new/", views.record, {"kind": "visit"}, name="visit_create"),
    path("<int:pk>/plans/new/", views.record, {"kind": "plan"}, name="plan_create"),
    path("<int:pk>/outcomes/", views.record, {"kind": "outcomes"}, name="outcomes"),
]
