"""The Regulation 44 visits and open recommended actions lists: filters, sort and downloads."""

import django_filters

from core.dates import today
from core.exports import Column, Export
from core.lists import ListFilter, SortFilter

from .models import Recommendation, Reg44Visit


class VisitFilter(ListFilter):
    status = django_filters.ChoiceFilter(
        label="Report", choices=Reg44Visit.Status.choices, empty_label="Any"
    )
    sort = SortFilter(
        fields={"date": "visit_date", "home": ("home__name", "-visit_date")}, default="-date"
    )


class ActionFilter(ListFilter):
    due = django_filters.ChoiceFilter(
        label="Due", choices=[("overdue", "Overdue")], empty_label="Any time", method="by_due"
    )
    sort = SortFilter(
        fields={"due": "due_date", "home": ("visit__home__name", "due_date")}, default="due"
    )

    def by_due(self, queryset, name, value):
        return queryset.filter(due_date__lt=today())


VISITS = Export(
    title="Regulation 44 visits",
    model=Reg44Visit,
    names_children=False,  # reports are about homes; the list shows none of their text
    columns=(
        Column("Visit date", "visit_date"),
        Column("Home", "home.name"),
        Column("Visitor", "visitor"),
        Column("Report", "get_status_display"),
        Column("Version", "version_number"),
        Column("Open actions", "open_actions"),
    ),
)

ACTIONS = Export(
    title="Open recommended actions",
    model=Recommendation,
    names_children=False,  # the same text the list shows the home's managers and visitor
    columns=(
        Column("Home", "visit.home.name"),
        Column("Visit date", "visit.visit_date"),
        Column("Recommendation", "text"),
        Column("Owner", "owner"),
        Column("Due", "due_date"),
    ),
)
