from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .two_factor import reset_two_factor

# An administrator resets a person's two-factor sign-in (below) but never sees their app's
# secret or recovery codes, which django-otp's own admin pages would show.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Homeward", {"fields": ("role", "job_title", "swe_registration")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Homeward", {"fields": ("role",)}),)
    actions = ["reset_two_factor_sign_in"]

    @admin.action(description="Reset two-factor sign-in (they set up their app again)")
    def reset_two_factor_sign_in(self, request, queryset):
        for user in queryset:
            reset_two_factor(user)
        self.message_user(
            request,
            f"Two-factor sign-in reset for {queryset.count()} user(s): they set up an "
            "authenticator app at their next sign-in.",
            messages.SUCCESS,
        )

    def has_delete_permission(self, request, obj=None):
        return False
