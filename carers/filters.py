"""The carer household list's filters, sort and download columns."""

import django_filters

from core.dates import today
from core.exports import Column, Export
from core.lists import ListFilter, SortFilter

from . import selectors
from .models import ApprovalStatus, CarerHousehold, CarerType, MockingbirdHub

LEVELS = [(n, f"Level {n}") for n in range(1, 5)]
FREE_PLACES = [("yes", "With a free place"), ("no", "No free place")]
COUNTED = ("children", "vacancies")


class HouseholdFilter(ListFilter):
    carer_type = django_filters.ChoiceFilter(
        label="Type of carer", choices=CarerType.choices, empty_label="Any type"
    )
    approval_status = django_filters.ChoiceFilter(
        label="Approval", choices=ApprovalStatus.choices, empty_label="Any status"
    )
    level = django_filters.ChoiceFilter(label="Level", choices=LEVELS, empty_label="Any level")
    hub = django_filters.ModelChoiceFilter(
        field_name="mockingbird_hub",
        label="Mockingbird hub",
        queryset=MockingbirdHub.objects.order_by("name"),
        empty_label="Any hub",
    )
    places = django_filters.ChoiceFilter(
        label="Places", choices=FREE_PLACES, empty_label="Any", method="with_free_places"
    )
    sort = SortFilter(
        fields={
            "name": "name",
            "type": "carer_type",
            "approval": "approval_status",
            "level": "level",
            "places": "approved_places",
            "children": "current_children",
            "vacancies": "vacancies",
        },
        default="name",
    )

    def __init__(self, *args, every_household=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.every_household = every_household

    def filter_queryset(self, queryset):
        """Count each household's children first: every household when the counts decide the
        order or the rows (or all are downloaded), else only those on the page."""
        self.form.is_valid()
        every = (
            self.every_household
            or bool(self.form.cleaned_data.get("places"))
            or self.sorted_by.removeprefix("-") in COUNTED
        )
        counted = selectors.with_children_on(queryset, today(), every_household=every)
        return super().filter_queryset(counted)

    def with_free_places(self, queryset, name, value):
        return queryset.filter(vacancies__gt=0) if value == "yes" else queryset.filter(vacancies=0)


HOUSEHOLDS = Export(
    title="Carer households",
    model=CarerHousehold,
    names_children=False,
    columns=(
        Column("Household", "name"),
        Column("Reference", "reference"),
        Column("Type of carer", "get_carer_type_display"),
        Column("Approval", "get_approval_status_display"),
        Column("Level", "level"),
        Column("Mockingbird hub", "mockingbird_hub.name"),
        Column("Approved places", "approved_places"),
        Column("Children now", "current_children"),
        Column("Vacancies", "vacancies"),
    ),
)
