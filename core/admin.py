from django.contrib import admin


class KeptRecordAdmin(admin.ModelAdmin):
    """Records are never deleted from the admin: end, close or correct them instead."""

    readonly_fields = ("version", "created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False
