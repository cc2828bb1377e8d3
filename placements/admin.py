from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import KeptRecordAdmin, ReadOnlyAdmin, ReadOnlyInline

from . import services
from .models import MatchingAssessment, MatchingRisk, Placement, StayExtension
from .rules import check_placement


class PlacementAdminForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = (
            "child",
            "home",
            "unit",
            "carer",
            "purpose",
            "start_date",
            "planned_end_date",
            "end_date",
            "is_short_break",
            "weekly_cost",
            "legal_status",
            "placement_type",
            "provider",
            "reason_new_episode",
            "reason_episode_ceased",
            "reason_placement_change",
            "outcome",
            "entered_in_error",
            "correction_reason",
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if not self.errors:
            try:
                check_placement(self.instance)
            except ValidationError as error:
                self._update_errors(error)


class ExtensionInline(admin.TabularInline):
    model = StayExtension
    extra = 0
    fields = ("extend_to", "reason", "status", "requested_by", "decided_by", "decided_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(KeptRecordAdmin):
    form = PlacementAdminForm
    list_display = (
        "child",
        "home",
        "carer",
        "start_date",
        "planned_end_date",
        "end_date",
        "placement_type",
        "distance_miles",
        "entered_in_error",
    )
    list_filter = (
        "home__home_type",
        "placement_type",
        "provider",
        "is_short_break",
        "outside_council_area",
        "entered_in_error",
        ("end_date", admin.EmptyFieldListFilter),
    )
    search_fields = (
        "child__local_id",
        "child__first_name",
        "child__last_name",
        "home__name",
        "carer__name",
    )
    list_select_related = ("child", "home", "carer")
    raw_id_fields = ("child", "carer", "unit")
    date_hierarchy = "start_date"
    readonly_fields = KeptRecordAdmin.readonly_fields + (
        "distance_miles",
        "outside_council_area",
        "placement_postcode",
        "urn",
        "created_by",
    )
    inlines = [ExtensionInline]

    def save_model(self, request, obj, form, change):
        services.save_placement(obj, by=request.user)


@admin.register(StayExtension)
class StayExtensionAdmin(KeptRecordAdmin):
    list_display = ("placement", "extend_to", "status", "requested_by", "decided_by")
    list_filter = ("status",)
    search_fields = ("placement__child__local_id", "placement__child__last_name")
    raw_id_fields = ("placement",)
    readonly_fields = KeptRecordAdmin.readonly_fields + ("status", "decided_by", "decided_at")

    def has_change_permission(self, request, obj=None):
        # Decisions go through the extension page, which checks who may authorise.
        return False


class MatchingRiskInline(ReadOnlyInline):
    model = MatchingRisk
    fields = ("resident", "level", "note")


@admin.register(MatchingAssessment)
class MatchingAssessmentAdmin(ReadOnlyAdmin):
    """Signed-off assessments are a record of a manager's decision: shown, never edited."""

    list_display = ("child", "home", "proposed_start", "decision", "signed_off_by", "signed_off_at")
    list_filter = ("decision", "home")
    search_fields = ("child__local_id", "child__last_name", "home__name")
    list_select_related = ("child", "home", "signed_off_by")
    inlines = [MatchingRiskInline]
