from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from children.models import LegalStatusRecord
from core.admin import KeptRecordAdmin, ReadOnlyAdmin, ReadOnlyInline
from core.forms import GovMessages
from homes.models import BedBlock, Home, Unit

from . import home_services, legal_status, permanence, services
from .models import (
    AdoptionDecision,
    MatchingAssessment,
    MatchingRisk,
    MatchRequest,
    MissingEpisode,
    Placement,
    PreviousPermanence,
    StayExtension,
)
from .rules import check_block, check_home_beds, check_home_dates, check_placement


class PlacementAdminForm(GovMessages, forms.ModelForm):
    class Meta:
        model = Placement
        fields = (
            "child",
            "home",
            "unit",
            "carer",
            "provider_name",
            "placement_postcode",
            "urn",
            "home_postcode",
            "purpose",
            "start_date",
            "planned_end_date",
            "end_date",
            "is_short_break",
            "weekly_cost",
            "legal_status",
            "placement_type",
            "provider",
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
        "reason_new_episode",
        "distance_miles",
        "outside_council_area",
        "created_by",
    )
    inlines = [ExtensionInline]

    def save_model(self, request, obj, form, change):
        services.save_placement(obj, by=request.user)


class LegalStatusChangeForm(GovMessages, forms.ModelForm):
    """A change of legal status without a move, through the same service as the child's record."""

    class Meta:
        model = LegalStatusRecord
        fields = ("child", "legal_status", "start_date")

    def _post_clean(self):
        super()._post_clean()
        data = self.cleaned_data
        if not self.errors:
            try:
                legal_status.check_change(
                    child=data["child"], legal_status=data["legal_status"], on=data["start_date"]
                )
            except ValidationError as error:
                self._update_errors(_on_start_date(error))


def _on_start_date(error):
    """The service names the date `on`; the admin's field is the start date."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {("start_date" if k == "on" else k): v for k, v in error.error_dict.items()}
        )
    return error


@admin.register(LegalStatusRecord)
class LegalStatusRecordAdmin(KeptRecordAdmin):
    """Legal statuses are kept by the ledger: the stays set the status they began with, and
    a change without a move is added here or on the child's record. Never edited in place."""

    form = LegalStatusChangeForm
    list_display = ("child", "legal_status", "start_date", "end_date", "entered_in_error")
    list_filter = ("legal_status", "entered_in_error")
    search_fields = ("child__local_id", "child__last_name")
    list_select_related = ("child",)
    raw_id_fields = ("child",)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = legal_status.change_legal_status(
            child=obj.child, legal_status=obj.legal_status, on=obj.start_date, by=request.user
        ).pk


class AdoptionDecisionForm(GovMessages, forms.ModelForm):
    class Meta:
        model = AdoptionDecision
        fields = (
            "child", "decided_on", "matched_on", "ceased_on", "ceased_reason",
            "by_foster_carer", "adopters", "adopters_sex", "adopters_legal_status",
        )  # fmt: skip

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            self._update_errors(ValidationError(permanence.adoption_errors(self.instance) or {}))


@admin.register(AdoptionDecision)
class AdoptionDecisionAdmin(KeptRecordAdmin):
    form = AdoptionDecisionForm
    list_display = ("child", "decided_on", "matched_on", "ceased_on", "ceased_reason")
    search_fields = ("child__local_id", "child__last_name")
    raw_id_fields = ("child",)

    def save_model(self, request, obj, form, change):
        permanence.save_adoption_decision(obj, by=request.user)


class PreviousPermanenceForm(GovMessages, forms.ModelForm):
    class Meta:
        model = PreviousPermanence
        fields = ("child", "order", "order_council", "order_date")

    def _post_clean(self):
        super()._post_clean()
        data = self.cleaned_data
        if not self.errors:
            try:
                permanence.check_previous_permanence(
                    data["child"],
                    order=data["order"],
                    order_council=data["order_council"],
                    order_date=data["order_date"],
                )
            except ValidationError as error:
                self._update_errors(error)


@admin.register(PreviousPermanence)
class PreviousPermanenceAdmin(KeptRecordAdmin):
    """Recorded for the child's latest period of care, through the same service as the web."""

    form = PreviousPermanenceForm
    list_display = ("child", "care_started_on", "order", "order_council", "order_date")
    search_fields = ("child__local_id", "child__last_name")
    raw_id_fields = ("child",)
    readonly_fields = KeptRecordAdmin.readonly_fields + ("care_started_on",)

    def save_model(self, request, obj, form, change):
        obj.pk = permanence.record_previous_permanence(
            child=obj.child,
            order=obj.order,
            order_council=obj.order_council,
            order_date=obj.order_date,
            by=request.user,
        ).pk


@admin.register(MissingEpisode)
class MissingEpisodeAdmin(KeptRecordAdmin):
    """Missing episodes are recorded on the child's record or the home's page; here they can
    be marked as entered in error (kept, not counted)."""

    list_display = ("child", "kind", "started_at", "ended_at", "entered_in_error")
    list_filter = ("kind", "entered_in_error")
    search_fields = ("child__local_id", "child__last_name")
    fields = ("child", "placement", "kind", "started_at", "ended_at", "note", "entered_in_error")
    readonly_fields = KeptRecordAdmin.readonly_fields + (
        "child", "placement", "kind", "started_at", "ended_at"
    )  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(StayExtension)
class StayExtensionAdmin(ReadOnlyAdmin):
    """Requests are made on the placement's page and decided on the extension queue, which
    check the stay is still running and who may authorise."""

    list_display = ("placement", "extend_to", "status", "requested_by", "decided_by")
    list_filter = ("status",)
    search_fields = ("placement__child__local_id", "placement__child__last_name")
    list_select_related = ("placement__child", "requested_by", "decided_by")


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


@admin.register(MatchRequest)
class MatchRequestAdmin(ReadOnlyAdmin):
    """Match requests move between their states only through placements.matching."""

    list_display = ("child", "home", "proposed_start", "status", "requested_by", "answered_by")
    list_filter = ("status", "home")
    search_fields = ("child__local_id", "child__last_name", "home__name")
    list_select_related = ("child", "home", "requested_by", "answered_by")


# Homes and bed blocks: a save counts the stays in the home's beds.


def _rule_errors(form, errors):
    """Every rule at once: the services' rules too, on the fields not already in error."""
    errors = {field: found for field, found in errors.items() if field not in form.errors}
    if errors:
        form._update_errors(ValidationError(errors))


class UnitForm(GovMessages, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("name", "kind", "is_active")

    def _post_clean(self):
        super()._post_clean()
        if self.instance.home_id:
            _rule_errors(self, home_services.unit_errors(self.instance))


class UnitInline(admin.TabularInline):
    model = Unit
    form = UnitForm
    extra = 0
    fields = ("name", "kind", "is_active")
    can_delete = False


class HomeForm(GovMessages, forms.ModelForm):
    class Meta:
        model = Home
        fields = home_services.HOME_FIELDS + tuple(home_services.HOME_PEOPLE)

    def _post_clean(self):
        super()._post_clean()
        _rule_errors(self, home_services.home_errors(self.instance))


@admin.register(Home)
class HomeAdmin(KeptRecordAdmin):
    form = HomeForm
    list_display = (
        "name",
        "home_type",
        "provision",
        "beds",
        "ofsted_rating",
        "postcode",
        "closed_on",
    )
    list_filter = (
        "home_type",
        "provision",
        "ofsted_rating",
        ("closed_on", admin.EmptyFieldListFilter),
    )
    search_fields = ("name", "ofsted_urn", "postcode", "provider_name")
    filter_horizontal = ("managers", "independent_visitors")
    list_select_related = ("home_type",)
    inlines = [UnitInline]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        Home.objects.select_for_update().filter(pk=obj.pk).first()
        check_home_beds(obj)  # again, now that the home is locked
        check_home_dates(obj)
        super().save_model(request, obj, form, change)


class BedBlockForm(GovMessages, forms.ModelForm):
    class Meta:
        model = BedBlock
        fields = ("home", "beds", "start_date", "end_date", "reason", "note", "cancelled")

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if not self.errors and not self.instance.cancelled:
            try:
                check_block(self.instance)
            except ValidationError as error:
                self._update_errors(error)


@admin.register(BedBlock)
class BedBlockAdmin(KeptRecordAdmin):
    form = BedBlockForm
    list_display = ("home", "beds", "start_date", "end_date", "reason", "cancelled")
    list_filter = ("reason", "cancelled", "home__home_type")
    search_fields = ("home__name", "note")
    list_select_related = ("home",)
    date_hierarchy = "start_date"

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        Home.objects.select_for_update().filter(pk=obj.home_id).first()
        if not obj.cancelled:
            check_block(obj)  # again, now that the home is locked
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)
