from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from core.admin import KeptRecordAdmin, ReadOnlyInline, record_reallocation_from
from core.forms import GovMessages

from . import in_touch, services
from .models import AdviserAllocation, CareLeaver, KeepingInTouch


class KeepingInTouchInline(ReadOnlyInline):
    model = KeepingInTouch
    fields = ("as_at", "in_touch", "activity", "accommodation", "recorded_by")


class CareLeaverForm(GovMessages, forms.ModelForm):
    class Meta:
        model = CareLeaver
        fields = ("child",) + services.EDITABLE_FIELDS

    def _post_clean(self):
        super()._post_clean()
        if self.instance.child_id is None:
            return
        # Every rule at once: the leaving-care rules too, on the fields not already in error.
        errors = services.leaving_care_errors(self.instance)
        errors = {field: found for field, found in errors.items() if field not in self.errors}
        if errors:
            self._update_errors(ValidationError(errors))


@admin.register(CareLeaver)
class CareLeaverAdmin(KeptRecordAdmin):
    form = CareLeaverForm
    list_display = (
        "child",
        "eligibility",
        "personal_adviser",
        "activity",
        "accommodation",
        "accommodation_suitable",
        "staying_put",
        "staying_close",
        "pathway_plan_review_due",
    )
    list_filter = (
        "eligibility",
        "activity",
        "accommodation",
        "accommodation_suitable",
        "staying_put",
        "staying_close",
        "interdependence_stage",
    )
    search_fields = ("child__local_id", "child__first_name", "child__last_name")
    list_select_related = ("child", "personal_adviser")
    raw_id_fields = ("child",)
    inlines = [KeepingInTouchInline]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_reallocation_from(form, obj, "personal_adviser", AdviserAllocation, request.user)
        in_touch.remember_record(obj, by=request.user)  # the OC3 history, as on the web


class KeepingInTouchForm(GovMessages, forms.ModelForm):
    class Meta:
        model = KeepingInTouch
        fields = ("care_leaver", "as_at", "in_touch", "activity", "accommodation")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                in_touch.check(
                    data["care_leaver"],
                    **{k: data[k] for k in ("as_at", "in_touch", "activity", "accommodation")},
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(KeepingInTouch)
class KeepingInTouchAdmin(KeptRecordAdmin):
    """Recorded through the same service as the care leaver's page."""

    form = KeepingInTouchForm
    list_display = ("care_leaver", "as_at", "in_touch", "activity", "accommodation")
    list_filter = ("in_touch", "activity")
    search_fields = ("care_leaver__child__local_id", "care_leaver__child__last_name")
    raw_id_fields = ("care_leaver",)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        obj.pk = in_touch.record_in_touch(
            obj.care_leaver,
            by=request.user,
            **{k: data[k] for k in ("as_at", "in_touch", "activity", "accommodation")},
        ).pk
