from django.contrib import admin

from core.admin import KeptRecordAdmin

from .models import CareLeaver


@admin.register(CareLeaver)
class CareLeaverAdmin(KeptRecordAdmin):
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
