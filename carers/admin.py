from django.contrib import admin

from core.admin import KeptRecordAdmin

from .models import AllowanceRate, CarerHousehold, LevelFee, MockingbirdHub, Outreach


@admin.register(CarerHousehold)
class CarerHouseholdAdmin(KeptRecordAdmin):
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
