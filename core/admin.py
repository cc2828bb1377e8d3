from django.contrib import admin

from core.allocations import record_reallocation
from core.dates import today
from core.forms import GovModelForm


class KeptRecordAdmin(admin.ModelAdmin):
    """Records are never deleted from the admin: end, close or correct them instead."""

    form = GovModelForm  # GOV.UK messages here too
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


def record_reallocation_from(form, record, field, history, by) -> None:
    """After an admin save: keep the history (core.allocations) of an allocation `field`
    changed on the form, as the web's allocation services do."""
    if field not in form.changed_data:
        return
    people = record._meta.get_field(field).related_model.objects
    before = people.filter(pk=form.initial.get(field)).first()
    record_reallocation(
        history, record, before=before, after=getattr(record, field), day=today(), by=by
    )
