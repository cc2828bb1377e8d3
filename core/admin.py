from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from core.allocations import record_reallocation
from core.dates import today
from core.forms import GovModelForm


class KnownIdsAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete drop-down, which looks the chosen record up to show it again when
    the form comes back with errors: a value that could be no record's id (text, or a number
    too large for the column) made that look-up a server error. It is shown as no choice; the
    form's own message says it is not one."""

    def optgroups(self, name, value, attrs=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _could_be(target, v)], attrs)


def _could_be(field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class KeptRecordAdmin(admin.ModelAdmin):
    """Records are never deleted from the admin: end, close or correct them instead."""

    form = GovModelForm  # GOV.UK messages here too
    readonly_fields = ("version", "created_at", "updated_at")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownIdsAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
