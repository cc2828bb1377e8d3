from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import KeptRecordAdmin
from core.forms import GovMessages

from . import outcomes
from .models import (
    Alert,
    JobRun,
    LookedAfterOutcomes,
    LookedAfterReview,
    PlacementPlan,
    SocialWorkerVisit,
)


class ReviewAdminForm(GovMessages, forms.ModelForm):
    class Meta:
        model = LookedAfterReview
        fields = ("child", "held_on", "participation", "chaired_by", "recorded_by")

    def clean(self):
        data = super().clean()
        child, held_on, code = data.get("child"), data.get("held_on"), data.get("participation")
        if child and held_on and (child.age_on(held_on) < 4) != (code == "PN0"):
            self.add_error(
                "participation", "PN0 is for a child under 4 at the review, and only then."
            )
        return data


@admin.register(LookedAfterReview)
class LookedAfterReviewAdmin(KeptRecordAdmin):
    form = ReviewAdminForm
    list_display = ("child", "held_on", "participation", "chaired_by")
    raw_id_fields = ("child", "recorded_by")
    date_hierarchy = "held_on"


@admin.register(SocialWorkerVisit)
class SocialWorkerVisitAdmin(KeptRecordAdmin):
    list_display = ("child", "visited_on", "seen_alone", "visited_by")
    raw_id_fields = ("child", "visited_by")
    date_hierarchy = "visited_on"


class OutcomesAdminForm(GovMessages, forms.ModelForm):
    class Meta:
        model = LookedAfterOutcomes
        fields = ("child", "year_ending", *outcomes.ANSWERS)

    def clean(self):
        data = super().clean()
        if data.get("child") and data.get("year_ending") and not self.errors:
            try:
                outcomes.check(data["child"], data["year_ending"], data)
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(LookedAfterOutcomes)
class LookedAfterOutcomesAdmin(KeptRecordAdmin):
    """Saved through the same service as the child's record, with the same rules."""

    form = OutcomesAdminForm
    list_display = ("child", "year_ending", "sdq_score", "sdq_reason", "health_assessment")
    list_filter = ("year_ending",)
    search_fields = ("child__local_id", "child__last_name")
    raw_id_fields = ("child",)

    def save_model(self, request, obj, form, change):
        answers = {field: form.cleaned_data.get(field) for field in outcomes.ANSWERS}
        answers["sdq_reason"] = answers["sdq_reason"] or ""
        obj.pk = outcomes.record_outcomes(
            child=obj.child, year_ending=obj.year_ending, by=request.user, **answers
        ).pk


@admin.register(PlacementPlan)
class PlacementPlanAdmin(KeptRecordAdmin):
    list_display = ("placement", "completed_on", "lasts_until_18")
    raw_id_fields = ("placement", "recorded_by")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the checks; people look, they do not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("rule", "subject_type", "subject_id", "due", "opened_on", "resolved_on")
    list_filter = ("rule", "resolved_on")
    date_hierarchy = "opened_on"


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ("day", "succeeded", "started_at", "finished_at")
