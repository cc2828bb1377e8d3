"""The ledger's lists (occupancy board, vacancy search, caseload): filters, sort and download
columns."""

import datetime
from operator import attrgetter

import django_filters
from django import forms

from children.models import Child
from core.dates import today
from core.exports import Column, Export
from core.forms import check_end_after_start
from core.lists import DateFilter, FilterForm, ListFilter, SortFilter, WholeNumberFilter
from homes.models import Home, HomeType

from . import occupancy as selectors
from .models import MatchRequest

MAX_AGE = 25
FOUR_WEEKS = datetime.timedelta(weeks=4)
FREE = [("yes", "With a free bed"), ("no", "Full")]
COUNTED = ("occupied", "blocked", "free")  # sorted in Python, after counting
HOME_SORTS = {"name": "name", "type": ("home_type__name", "name"), "area": ("area", "name")}


class HomesFilter(ListFilter):
    """Home type and area, from the homes the person may see."""

    home_type = django_filters.ModelChoiceFilter(
        label="Home type", queryset=HomeType.objects.order_by("name"), empty_label="All home types"
    )
    area = django_filters.ChoiceFilter(
        label="Area (postcode district)", choices=[], empty_label="All areas"
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, queryset=queryset, **kwargs)
        self.filters["area"].extra["choices"] = [(a, a) for a in queryset.areas()]


class OccupancyFilter(HomesFilter):
    """Homes open on the date asked for (else today), by type and area; their beds are counted
    and sorted in Python (`rows`): a council's homes number in the hundreds, their stays in
    the hundreds of thousands."""

    date = DateFilter(
        label="Date", help_text="Leave blank for today", method="counted_later",
    )  # fmt: skip
    free = django_filters.ChoiceFilter(
        label="Free beds", choices=FREE, empty_label="Any", method="counted_later"
    )
    sort = SortFilter(
        fields={**HOME_SORTS, "beds": ("beds", "name"), **dict.fromkeys(COUNTED, "name")},
        default="name",
    )

    class Meta:
        form = FilterForm
        fields = ["date", "home_type", "area", "free"]

    @property
    def day(self):
        """The day the board shows: the date asked for, else today."""
        self.form.is_valid()
        return self.form.cleaned_data.get("date") or today()

    def filter_queryset(self, queryset):
        homes = queryset.open_on(self.day).with_area().select_related("home_type")
        return super().filter_queryset(homes)

    def counted_later(self, queryset, name, value):
        return queryset  # the day and free beds apply to the counts, in `rows`

    def rows(self) -> list:
        """Each home's beds on the day (occupancy.HomeOccupancy), filtered by free beds and
        sorted as asked."""
        rows = selectors.beds_on(self.qs, self.day)
        free = self.form.cleaned_data.get("free")
        if free:
            rows = [row for row in rows if (row.free > 0) == (free == "yes")]
        if self.sorted_by.removeprefix("-") in COUNTED:
            key = attrgetter(self.sorted_by.removeprefix("-"))
            rows.sort(key=key, reverse=self.sorted_by.startswith("-"))
        return rows


class VacancySearchForm(FilterForm):
    not_used = ""  # a search that does not clean finds nothing, and says why

    def clean(self):
        data = super().clean()
        check_end_after_start(self, "start", "end")
        return data


class VacancyFilter(HomesFilter):
    """Homes of the type and area asked for that take a child of that age; the dates are
    searched by `occupancy.vacancies`."""

    always_bound = False  # nothing is searched until the person asks
    start = DateFilter(
        label="Start date", required=True,
        help_text="The first night the bed is needed", method="period",
    )  # fmt: skip
    end = DateFilter(
        label="End date", method="period",
        help_text="The day the child would leave. Leave blank if there is no planned end.",
    )  # fmt: skip
    age = WholeNumberFilter(
        label="Age of the child", min_value=0,
        max_value=MAX_AGE, method="taking_age",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the age of the child as a whole number, like 12",
            "min_value": "The age of the child must be 0 or more",
            "max_value": f"The age of the child must be {MAX_AGE} or less",
        },
    )  # fmt: skip
    # The child a social worker is finding a placement for (from the child's record), kept
    # through searches, sorts and pages: each home then offers to ask for a match.
    child = WholeNumberFilter(widget=forms.HiddenInput, method="period")
    sort = SortFilter(fields={**HOME_SORTS, "free": "name"}, default="name")

    class Meta:
        form = VacancySearchForm
        fields = ["start", "end", "home_type", "age", "area", "child"]

    def period(self, queryset, name, value):
        return queryset  # searched by occupancy.vacancies (the child: by the view)

    def taking_age(self, queryset, name, value):
        return queryset.filter(home_type__min_age__lte=value, home_type__max_age__gte=value)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.with_area())

    def results(self) -> list | None:
        """Homes with a bed free every night of the period, sorted as asked; None before a
        search, or when the search does not clean."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.form.cleaned_data
        found = selectors.vacancies(data["start"], data["end"], homes=self.qs)
        if self.sorted_by.removeprefix("-") == "free":  # worked out in Python, not SQL
            found.sort(key=lambda v: v.free_beds, reverse=self.sorted_by.startswith("-"))
        return found


def _stays(attribute, date_of):
    def text(row):
        return "; ".join(
            f"{date_of(stay):%d/%m/%Y} {stay.child.full_name if stay.child_id in row.named else 'a child'}"
            for stay in getattr(row, attribute)
        )

    return text


OCCUPANCY = Export(
    title="Occupancy",
    model=Home,
    names_children=False,  # each child is named only to those who may see them (row.named)
    columns=(
        Column("Home", "home.name"),
        Column("Home type", "home.home_type.name"),
        Column("Area", "home.area"),
        Column("Postcode", "home.postcode"),
        Column("Beds", "beds"),
        Column("Occupied", "occupied"),
        Column("Blocked", "blocked"),
        Column("Free", "free"),
        Column("Over capacity", "over_capacity"),
        Column("Next planned end", "next_planned_end"),
        Column(
            f"Arrivals in the next {selectors.LOOK_AHEAD_DAYS} days",
            _stays("arrivals", lambda s: s.start_date),
        ),
        Column(
            f"Departures in the next {selectors.LOOK_AHEAD_DAYS} days",
            _stays("departures", lambda s: s.end_date or s.planned_end_date),
        ),
    ),
)

VACANCIES = Export(
    title="Vacancies",
    model=Home,
    names_children=False,
    columns=(
        Column("Home", "home.name"),
        Column("Home type", "home.home_type.name"),
        Column("Youngest age", "home.home_type.min_age"),
        Column("Oldest age", "home.home_type.max_age"),
        Column("Area", "home.area"),
        Column("Postcode", "home.postcode"),
        Column("Free beds", "free_beds"),
    ),
)


PLACED_WITH = [("home", "In a children’s home"), ("carer", "With carers"), ("none", "Not placed")]
PLANNED_END = [("passed", "Passed"), ("soon", "In the next 4 weeks"), ("none", "Not set")]


class CaseloadFilter(ListFilter):
    placed_with = django_filters.ChoiceFilter(
        label="Placement", choices=PLACED_WITH, empty_label="Any", method="by_placement"
    )
    planned_end = django_filters.ChoiceFilter(
        label="Planned end", choices=PLANNED_END, empty_label="Any", method="by_planned_end"
    )
    sort = SortFilter(
        fields={
            "name": ("last_name", "first_name"),
            "days": "-placed_on",  # fewest days first: the latest start
            "planned_end": "planned_end",
        },
        default="name",
    )

    def by_placement(self, queryset, name, value):
        return queryset.filter(placed_with=None if value == "none" else value)

    def by_planned_end(self, queryset, name, value):
        day = today()
        if value == "passed":
            return queryset.filter(planned_end__lt=day)
        if value == "soon":
            return queryset.filter(planned_end__gte=day, planned_end__lte=day + FOUR_WEEKS)
        return queryset.filter(placed_on__isnull=False, planned_end__isnull=True)


def _progress(child):
    progress = child.progress
    return f"Day {progress['day']} of {progress['of']}" if progress else None


CASELOAD = Export(
    title="Caseload",
    model=Child,
    columns=(
        Column("Child", "full_name"),
        Column("Local identifier", "local_id"),
        Column("Date of birth", "date_of_birth"),
        Column("Status", "get_status_display"),
        Column(
            "Placement", lambda child: child.current.location if child.current else "Not placed"
        ),
        Column("Placement start", "current.start_date"),
        Column(
            "Days in placement",
            lambda c: c.current.days_in_placement(today()) if c.current else None,
        ),
        Column("Against the stay limit", _progress),
        Column("Planned end", "current.planned_end_date"),
    ),
)


MATCH_REQUESTS = Export(
    title="Match requests",
    model=MatchRequest,
    columns=(
        Column("Child", "child.full_name"),
        Column("Local identifier", "child.local_id"),
        Column("Home", "home.name"),
        Column("Home type", "home.home_type.name"),
        Column("Proposed start", "proposed_start"),
        Column("Proposed end", "proposed_end"),
        Column("Status", "get_status_display"),
        Column("Asked on", "created_at"),
        Column("Asked by", "requested_by"),
        Column("Answered on", "answered_at"),
        Column("Answered by", "answered_by"),
        Column("Reason declined or withdrawn", "reason"),
    ),
)
