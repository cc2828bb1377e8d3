from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The trail can be searched, never edited."""

    list_display = ("at", "user", "action", "object_type", "object_label", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("object_label", "object_id", "user__username", "path")
    date_hierarchy = "at"
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
