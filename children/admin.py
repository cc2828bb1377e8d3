from django.contrib import admin

from core.admin import KeptRecordAdmin

from .models import Child, LegalStatusRecord


class LegalStatusInline(admin.TabularInline):
    model = LegalStatusRecord
    extra = 0
    fields = ("legal_status", "start_date", "end_date")
    can_delete = False


@admin.register(Child)
class ChildAdmin(KeptRecordAdmin):
    list_display = (
        "local_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "status",
        "social_worker",
        "key_worker",
    )
    list_filter = ("status", "sex", "category_of_need")
    search_fields = ("local_id", "first_name", "last_name", "upn")
    list_select_related = ("social_worker", "key_worker")
    autocomplete_fields = ("social_worker", "key_worker")
    inlines = [LegalStatusInline]
