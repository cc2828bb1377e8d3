from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import BoardReport


@admin.register(BoardReport)
class BoardReportAdmin(ReadOnlyAdmin):
    list_display = (
        "period_type",
        "period_start",
        "status",
        "progress",
        "requested_by",
        "finished_at",
    )
    list_filter = ("status", "period_type")
    search_fields = ("requested_by__username",)
    list_select_related = ("requested_by",)
