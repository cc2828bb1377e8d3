from django.contrib import admin

from timescales.admin import ReadOnlyAdmin

from .models import ReturnDownload, ValidationRun


@admin.register(ValidationRun)
class ValidationRunAdmin(ReadOnlyAdmin):
    """Written by the daily job and the button; people look, they do not edit."""

    list_display = (
        "__str__",
        "trigger",
        "started_at",
        "succeeded",
        "error_count",
        "children_with_errors",
    )
    list_filter = ("succeeded", "trigger", "year")
    date_hierarchy = "started_at"


@admin.register(ReturnDownload)
class ReturnDownloadAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "downloaded_by", "downloaded_at")
    date_hierarchy = "downloaded_at"
