from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Homeward administration"
admin.site.site_title = "Homeward"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]
