from django.contrib import admin


class KeptRecordAdmin(admin.ModelAdmin):
    """Records are never deleted from the admin: end, close or correct them instead."""

    readonly_fields = ("version", "created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(KeptRecordAdmin):
    """For records with a workflow of their own (reports that lock, signed-off assessments):
    the admin shows them for support and audit, and every change goes through the service."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
