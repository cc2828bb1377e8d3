from django.contrib import admin

from core.admin import KeptRecordAdmin

from .models import Alert, JobRun, LookedAfterReview, PlacementPlan, SocialWorkerVisit


@admin.register(LookedAfterReview)
class LookedAfterReviewAdmin(KeptRecordAdmin):
    list_display = ("child", "held_on", "chaired_by")
    raw_id_fields = ("child", "recorded_by")
    date_hierarchy = "held_on"


@admin.register(SocialWorkerVisit)
class SocialWorkerVisitAdmin(KeptRecordAdmin):
    list_display = ("child", "visited_on", "seen_alone", "visited_by")
    raw_id_fields = ("child", "visited_by")
    date_hierarchy = "visited_on"


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
