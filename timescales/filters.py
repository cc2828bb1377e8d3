"""The alerts list's filters, sort and download columns."""

import datetime

import django_filters

from core.dates import today
from core.exports import Column, Export
from core.lists import ListFilter, SortFilter

from .models import Alert
from .registry import CHECKS

RESOLVED, EVERY = "resolved", "all"
OVERDUE, THIS_WEEK = "overdue", "week"


def _checks():
    return sorted(((rule, check.title) for rule, check in CHECKS.items()), key=lambda c: c[1])


class AlertFilter(ListFilter):
    show = django_filters.ChoiceFilter(
        label="Show",
        choices=[(RESOLVED, "Resolved alerts"), (EVERY, "Open and resolved alerts")],
        empty_label="Open alerts",
        method="by_status",
    )
    rule = django_filters.ChoiceFilter(label="Check", choices=_checks, empty_label="Any check")
    due = django_filters.ChoiceFilter(
        label="Due",
        choices=[(OVERDUE, "Overdue"), (THIS_WEEK, "In the next 7 days")],
        empty_label="Any time",
        method="by_due",
    )
    sort = SortFilter(
        fields={"due": "due", "opened": "opened_on", "resolved": "resolved_on"}, default="due"
    )

    def filter_queryset(self, queryset):
        self.form.is_valid()
        if self.form.cleaned_data.get("show") not in (RESOLVED, EVERY):
            queryset = queryset.filter(resolved_on__isnull=True)  # open alerts unless asked
        return super().filter_queryset(queryset)

    def by_status(self, queryset, name, value):
        return queryset.filter(resolved_on__isnull=False) if value == RESOLVED else queryset

    def by_due(self, queryset, name, value):
        day = today()
        if value == OVERDUE:
            return queryset.filter(due__lt=day)
        return queryset.filter(due__gte=day, due__lte=day + datetime.timedelta(days=7))


def _about(alert):
    if alert.child_name:
        return alert.child_name
    return "A child whose record you cannot open" if alert.child_id else ""


ALERTS = Export(
    title="Alerts",
    model=Alert,
    names_children=False,  # each child is named only to those who may see them (child_name)
    columns=(
        Column("Alert", "rule_title"),
        Column("About", _about),
        Column("Home", "home.name"),
        Column("Summary", "summary"),
        Column("Due", "due"),
        Column("Opened", "opened_on"),
        Column("Resolved", "resolved_on"),
    ),
)
