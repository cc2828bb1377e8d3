from django.urls import path

from . import caseload_views, match_views, views

app_name = "placements"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("caseload/", caseload_views.caseload, name="caseload"),
    path("caseload/export.<str:fmt>", caseload_views.caseload, name="caseload_export"),
    path("choices/<str:field>/", views.choices, name="choices"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/cancel-move-or-end/", views.cancel_leaving, name="cancel_leaving"),
    path("<int:pk>/planned-end/", views.planned_end, name="planned_end"),
    path("<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("extensions/", views.extensions, name="extensions"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("matching/<int:pk>/", views.matching_detail, name="matching_detail"),
    path("requests/", match_views.match_requests, name="requests"),
    path("requests/export.<str:fmt>", match_views.match_requests, name="requests_export"),
    path("requests/new/", match_views.request_new, name="request_new"),
    path("requests/<int:pk>/", match_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/assess/", match_views.request_assess, name="request_assess"),
    path("requests/<int:pk>/decline/", match_views.request_decline, name="request_decline"),
    path("requests/<int:pk>/withdraw/", match_views.request_withdraw, name="request_withdraw"),
]
