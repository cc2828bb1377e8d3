from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = BaseUserAdmin.fieldsets + (("Homeward", {"fields": ("role", "job_title")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Homeward", {"fields": ("role",)}),)

    def has_delete_permission(self, request, obj=None):
        return False
