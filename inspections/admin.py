from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Finding,
    Incident,
    PersonSpokenTo,
    Recommendation,
    Reg40Notification,
    Reg44Visit,
    Reg45Review,
)


class PersonInline(ReadOnlyInline):
    model = PersonSpokenTo
    fields = ("kind", "name", "consent", "in_private")


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ("standard", "text")


class RecommendationInline(ReadOnlyInline):
    model = Recommendation
    fields = ("text", "owner", "due_date", "done_at")


@admin.register(Reg44Visit)
class Reg44VisitAdmin(ReadOnlyAdmin):
    list_display = ("home", "visit_date", "visitor", "status", "version_number", "sent_at")
    list_filter = ("status", "announced", "home")
    search_fields = ("home__name", "visitor__username", "visitor__last_name")
    list_select_related = ("home", "visitor")
    date_hierarchy = "visit_date"
    inlines = [PersonInline, FindingInline, RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("visit", "owner", "due_date", "done_at")
    list_filter = (("done_at", admin.EmptyFieldListFilter), "standard")
    search_fields = ("text", "owner", "visit__home__name")
    list_select_related = ("visit__home",)


@admin.register(Reg40Notification)
class Reg40NotificationAdmin(ReadOnlyAdmin):
    list_display = ("home", "occurred_on", "event", "ofsted_notified_on")
    list_filter = ("event", "home")
    search_fields = ("home__name", "summary")
    list_select_related = ("home",)


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("home", "occurred_on", "kind")
    list_filter = ("kind", "home")
    search_fields = ("home__name", "summary")
    list_select_related = ("home",)


@admin.register(Reg45Review)
class Reg45ReviewAdmin(ReadOnlyAdmin):
    list_display = ("home", "period_start", "period_end", "status")
    list_filter = ("status", "home")
    search_fields = ("home__name",)
    list_select_related = ("home",)
