"""Home types. Homes and bed blocks are in placements/admin.py: saving them counts the stays in
the beds (placements.rules)."""

from django.contrib import admin

from .models import HomeType


@admin.register(HomeType)
class HomeTypeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "min_age",
        "max_age",
        "max_stay_days",
        "max_beds",
        "offers_short_breaks",
        "offers_outreach",
    )
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None):
        return False
