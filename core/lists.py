"""What every filtered, paginated list shares: optional filters and one page of rows."""

from django.core.paginator import Paginator


def filter_given(queryset, **lookups):
    """`queryset` narrowed by each lookup whose value was given; empty values filter nothing."""
    return queryset.filter(**{lookup: value for lookup, value in lookups.items() if value})


def filtered_page(request, form_class, rows, page_size):
    """The filter form bound to the query string, and the page asked for of `rows(**filters)`.

    A filter that does not clean is shown with its message on the form and left out.
    """
    form = form_class(request.GET or None)
    form.is_valid()
    filters = {name: value for name, value in getattr(form, "cleaned_data", {}).items() if value}
    page = Paginator(rows(**filters), page_size).get_page(request.GET.get("page"))
    return form, page
