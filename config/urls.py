from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.health import healthz

admin.site.site_header = "Homeward administration"
admin.site.site_title = "Homeward"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("children/", include("children.urls")),
    path("children/", include("timescales.urls")),
    path("children/", include("placements.child_urls")),
    path("placements/", include("placements.urls")),
    path("homes/", include("placements.home_urls")),
    path("carers/", include("carers.urls")),
    path("care-leavers/", include("careleavers.urls")),
    path("notifications/", include("notifications.urls")),
    path("alerts/", include("timescales.alert_urls")),
    path("visits/", include("inspections.urls")),
    path("reports/", include("reporting.urls")),
    path("return-903/", include("ssda903.urls")),
    path("audit/", include("audit.urls")),
    path("governance/", include("governance.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
]
if settings.ADMIN_URL:
    urlpatterns.append(path(settings.ADMIN_URL, admin.site.urls))
