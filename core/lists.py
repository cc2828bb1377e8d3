"""What every list page shares: filters and sorting (django-filter), and one page of rows.

A list page binds its `ListFilter` to the query string, shows a page of `listing.qs` and
offers the same rows, every page of them, as a download (core.exports). A filter value that
does not clean is shown with its message on the form and left out; an unknown sort is ignored.
"""

import django_filters
from crispy_forms_gds.layout import Layout
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Model, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.forms import ChoiceField, IntegerField

from core.forms import DayMonthYearField, GovForm

PAGE_SIZE = 25
# The rows of each history a record page shows, newest first; ?history=all shows every row. A
# child with regular short breaks has a placement and a legal status for each (up to 150 at
# regional size): listed in full, the record was unreadable and took 100 ms to render.
HISTORY_SHOWN = 10


def filter_given(queryset, **lookups):
    """`queryset` narrowed by each lookup whose value was given; empty values filter nothing."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items() if value})


def count_per_row(related, link: str):
    """How many rows of `related` point at each row through `link`, a subquery per row: a page
    of rows counts only its own (PostgreSQL works the subquery out after the page is cut),
    where a join and a GROUP BY would count every row of the list before keeping 25."""
    counted = (
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), Value(0))


def history_limit(request) -> int | None:
    """How many rows of each history a record page shows: HISTORY_SHOWN, or None (all)."""
    return None if request.GET.get("history") == "all" else HISTORY_SHOWN


def first_rows(rows, shown: int | None) -> tuple[list, int]:
    """The first `shown` rows of the queryset `rows` (None: all) and how many it has, in one
    query (a window count), for a history shortened to `history_limit`."""
    first = list(rows.annotate(rows_in_all=Window(Count("pk")))[:shown])
    return first, first[0].rows_in_all if first else 0


def page_of(request, rows, page_size=PAGE_SIZE):
    """The page asked for (`?page=`) of `rows`, a queryset or a list; the last page when past it."""
    return Paginator(rows, page_size).get_page(request.GET.get("page"))


class SortFilter(django_filters.OrderingFilter):
    """Sorting by a column heading: `?sort=name` or `?sort=-name`, else `default`.

    `fields` maps each sort's name to the field (or fields, in turn) it orders by; "-field"
    orders that field the other way. Empty values come last either way, and the primary key
    breaks ties, so rows never move between pages."""

    def __init__(self, *, fields: dict, default: str, **kwargs):
        self.sorts = {name: (f,) if isinstance(f, str) else tuple(f) for name, f in fields.items()}
        self.default = default
        super().__init__(fields=[(name, name) for name in self.sorts], **kwargs)

    def filter(self, qs, value):
        order = []
        for param in value or [self.default]:
            descending = param.startswith("-")
            for field in self.sorts[param.removeprefix("-")]:
                reverse = descending != field.startswith("-")
                field = F(field.removeprefix("-"))
                order.append(field.desc(nulls_last=True) if reverse else field.asc(nulls_last=True))
        return qs.order_by(*order, "pk")


class DateFilter(django_filters.Filter):
    """A date typed as GOV.UK's day, month and year."""

    field_class = DayMonthYearField


class WholeNumberFilter(django_filters.Filter):
    field_class = IntegerField


class FilterForm(GovForm):
    """A list's filters as GOV.UK fields; the page's template holds the <form> and buttons."""

    not_used = " The filter was not used."  # said after each message

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self):
        return [field for field in super().layout_fields() if field.fields[0] != "sort"]

    def full_clean(self):
        """Each message says the filter was left out (`not_used`); an unknown sort is ignored
        quietly."""
        super().full_clean()
        self._errors.pop("sort", None)
        for name, errors in self._errors.items():
            field = self.fields.get(name)
            words = [
                f"Choose {field.label.lower()} from the list."
                if isinstance(field, ChoiceField) and error.code == "invalid_choice"
                else error.message % (error.params or {})
                for error in errors.as_data()
            ]
            self._errors[name] = self.error_class(
                [f"{' '.join(words)}{self.not_used}"], renderer=self.renderer
            )


class ListFilter(django_filters.FilterSet):
    """Filters and `sort` for one list. Subclasses declare their filters and a SortFilter."""

    always_bound = True  # so the default sort applies to a page opened with no query string

    class Meta:
        form = FilterForm

    def __init__(self, data=None, *args, **kwargs):
        if self.always_bound and data is None:
            data = {}
        elif not self.always_bound and not data:
            data = None
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        """The form, its fields in the order of `Meta.fields` when given (declared filters of
        a parent class would otherwise come first)."""
        form_class = super().get_form_class()
        form_class.field_order = list(getattr(self._meta, "fields", None) or []) or None
        return form_class

    @property
    def sorted_by(self) -> str:
        """The sort in force, as `sort` takes it ("name" or "-name")."""
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("sort")
        return (chosen or [self.filters["sort"].default])[0]

    @property
    def chosen(self) -> dict:
        """The filters and sort in force, in words (label: value), for the audit trail."""
        self.form.is_valid()
        words = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []):
                continue
            field = self.form.fields[name]
            if name == "sort":
                words["Sorted by"] = ", ".join(
                    f"{v.removeprefix('-')} (descending)" if v.startswith("-") else v for v in value
                )
                continue
            if isinstance(value, Model) or not hasattr(field, "choices"):
                words[str(field.label)] = str(value)
            else:
                labels = {str(key): label for key, label in field.choices}
                words[str(field.label)] = str(labels.get(str(value), value))
        return words


def filtered(request, filterset_class, queryset, **kwargs):
    """`filterset_class` bound to the request's query string, over `queryset`."""
    return filterset_class(request.GET, queryset=queryset, request=request, **kwargs)
