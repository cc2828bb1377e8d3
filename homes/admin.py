from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from core.admin import KeptRecordAdmin

from . import services
from .models import BedBlock, Home, HomeType, Unit


@admin.register(HomeType)
class HomeTypeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "min_age",
        "max_age",
        "max_stay_days",
        "max_beds",
        "offers_short_breaks",
        "offers_outreach",
    )
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ("name", "kind", "is_active")
    can_delete = False


class HomeForm(admin.options.forms.ModelForm):
    class Meta:
        model = Home
        fields = (
            "name",
            "home_type",
            "provision",
            "provider_name",
            "ofsted_urn",
            "address",
            "postcode",
            "beds",
            "weekly_cost",
            "registered_manager",
            "managers",
            "independent_visitors",
            "ofsted_rating",
            "ofsted_rating_date",
            "opened_on",
            "closed_on",
        )

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                services.check_home_beds(self.instance)
            except ValidationError as error:
                self._update_errors(error)


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
        services.check_home_beds(obj)  # again, now that the home is locked
        super().save_model(request, obj, form, change)


class BedBlockForm(admin.options.forms.ModelForm):
    class Meta:
        model = BedBlock
        fields = ("home", "beds", "start_date", "end_date", "reason", "note", "cancelled")

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if not self.errors and not self.instance.cancelled:
            try:
                services.check_block(self.instance)
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
            services.check_block(obj)  # again, now that the home is locked
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)
