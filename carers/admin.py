from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from core.admin import KeptRecordAdmin
from core.dates import today
from core.forms import GovMessages

from . import services
from .models import AllowanceRate, Carer, CarerHousehold, LevelFee, MockingbirdHub, Outreach


class CarerForm(GovMessages, forms.ModelForm):
    class Meta:
        model = Carer
        fields = ("first_name", "last_name", "date_of_birth", "is_main_carer", "left_on")

    def _post_clean(self):
        super()._post_clean()
        errors = services.carer_errors(self.instance, today())
        errors = {field: found for field, found in errors.items() if field not in self.errors}
        if errors:
            self._update_errors(ValidationError(errors))


class CarerInline(admin.TabularInline):
    model = Carer
    form = CarerForm
    extra = 0
    can_delete = False


class CarerHouseholdForm(GovMessages, forms.ModelForm):
    class Meta:
        model = CarerHousehold
        fields = (
            "reference",
            "name",
            "carer_type",
            "agency_name",
            "postcode",
            "urn",
            "approval_status",
            "approved_on",
            "approval_ends_on",
            "last_review_on",
            "level",
            "approved_places",
            "exempt_from_usual_limit",
            "min_age",
            "max_age",
            "mockingbird_hub",
            "is_hub_carer",
            "weekly_cost",
            "supervising_social_worker",
        )

    def _post_clean(self):
        super()._post_clean()
        # Every rule at once: the services' rules too, on the fields not already in error.
        errors = services.approval_errors(self.instance)
        errors = {field: found for field, found in errors.items() if field not in self.errors}
        if errors:
            self._update_errors(ValidationError(errors))


@admin.register(CarerHousehold)
class CarerHouseholdAdmin(KeptRecordAdmin):
    form = CarerHouseholdForm
    list_display = (
        "reference",
        "name",
        "carer_type",
        "approval_status",
        "level",
        "approved_places",
        "min_age",
        "max_age",
        "mockingbird_hub",
    )
    list_filter = ("carer_type", "approval_status", "level", "mockingbird_hub")
    search_fields = ("reference", "name", "postcode", "agency_name")
    list_select_related = ("mockingbird_hub",)
    inlines = [CarerInline]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        CarerHousehold.objects.select_for_update().filter(pk=obj.pk).first()
        errors = services.approval_errors(obj)  # again, now that the household is locked
        if errors:
            raise ValidationError(errors)
        super().save_model(request, obj, form, change)


@admin.register(MockingbirdHub)
class MockingbirdHubAdmin(KeptRecordAdmin):
    list_display = ("name", "started_on")
    search_fields = ("name",)


@admin.register(AllowanceRate)
class AllowanceRateAdmin(admin.ModelAdmin):
    list_display = ("min_age", "max_age", "weekly_amount", "effective_from")
    list_filter = ("effective_from",)


@admin.register(LevelFee)
class LevelFeeAdmin(admin.ModelAdmin):
    list_display = ("level", "weekly_fee", "effective_from")
    list_filter = ("level",)


@admin.register(Outreach)
class OutreachAdmin(KeptRecordAdmin):
    list_display = ("date", "kind", "hub", "household", "child", "hours")
    list_filter = ("kind", "hub")
    search_fields = ("household__name", "child__local_id", "child__last_name")
    list_select_related = ("hub", "household", "child")
    raw_id_fields = ("child", "household")
