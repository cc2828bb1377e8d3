from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.<str:fmt>", views.index, name="export"),
    path("actions/", views.actions, name="actions"),
    path("actions/export.<str:fmt>", views.actions, name="actions_export"),
    path("homes/<int:pk>/", views.home, name="home"),
    path("homes/<int:home_pk>/visits/new/", views.visit_create, name="visit_create"),
    path("homes/<int:home_pk>/reg40/new/", views.reg40_create, name="reg40_create"),
    path("homes/<int:home_pk>/incidents/new/", views.incident_create, name="incident_create"),
    path("homes/<int:home_pk>/reviews/new/", views.review_create, name="review_create"),
    path("<int:pk>/", views.visit_detail, name="visit_detail"),
    path("<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("<int:pk>/people/new/", views.person_add, name="person_add"),
    path("<int:pk>/recommendations/new/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/submit/", views.visit_submit, name="visit_submit"),
    path("<int:pk>/sign-off/", views.visit_sign_off, name="visit_sign_off"),
    path("<int:pk>/send/", views.visit_send, name="visit_send"),
    path("<int:pk>/correct/", views.visit_correct, name="visit_correct"),
    path("<int:pk>/report.pdf", views.visit_pdf, name="visit_pdf"),
    path("actions/<int:pk>/respond/", views.action_respond, name="action_respond"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/complete/", views.review_complete, name="review_complete"),
    path("reviews/<int:pk>/report.pdf", views.review_pdf, name="review_pdf"),
]
