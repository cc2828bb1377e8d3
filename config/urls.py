from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Homeward administration"
admin.site.site_title = "Homeward"

urlpatterns = [
    path("", include("accounts.urls")),
    path("children/", include("children.urls")),
    path("children/", include("timescales.urls")),
    path("placements/", include("placements.urls")),
    path("homes/", include("homes.urls")),
    path("carers/", include("carers.urls")),
    path("care-leavers/", include("careleavers.urls")),
    path("notifications/", include("notifications.urls")),
    path("visits/", include("inspections.urls")),
    path("reports/", include("reporting.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]
