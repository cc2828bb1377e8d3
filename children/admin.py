from django.contrib import admin
from django.db import transaction

from core.admin import KeptRecordAdmin, ReadOnlyInline, record_reallocation_from

from . import selectors
from .models import Child, KeyWorkerAllocation, LegalStatusRecord, SocialWorkerEpisode


class LegalStatusInline(ReadOnlyInline):
    """Kept by the ledger's services: add a change of legal status under "Legal status records"."""

    model = LegalStatusRecord
    fields = ("legal_status", "start_date", "end_date", "entered_in_error")


class SocialWorkerEpisodeInline(ReadOnlyInline):
    """Kept by the model when the social worker changes (children/social_workers.py)."""

    model = SocialWorkerEpisode
    fields = ("social_worker", "start_date", "end_date", "reason")


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
    search_fields = ("local_id", "first_name", "last_name", "upn")  # searched as below
    list_select_related = ("social_worker", "key_worker")
    autocomplete_fields = ("social_worker", "key_worker")
    inlines = [LegalStatusInline, SocialWorkerEpisodeInline]

    def get_search_results(self, request, queryset, search_term):
        """As the service's own search: apostrophes and accents ignored, found by index."""
        found = selectors.matching(search_term)
        return (queryset if found is None else queryset.filter(found)), False

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_reallocation_from(form, obj, "key_worker", KeyWorkerAllocation, request.user)
