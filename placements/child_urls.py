"""Ledger pages on a child's record (URL namespace `ledger`), served by placements/child_views.py
under /children/<pk>/, beside the record itself (children/urls.py)."""

from django.urls import path

from . import child_views as views

app_name = "ledger"

urlpatterns = [
    path("<int:pk>/legal-status/new/", views.legal_status_change, name="legal_status_change"),
    path("<int:pk>/missing/new/", views.missing_new, name="missing_new"),
    path("missing/<int:pk>/return/", views.missing_return, name="missing_return"),
    path("<int:pk>/previous-permanence/", views.previous_permanence, name="previous_permanence"),
    path("<int:pk>/adoption/new/", views.adoption, name="adoption_new"),
    path("<int:pk>/adoption/<int:decision>/", views.adoption, name="adoption_edit"),
]
