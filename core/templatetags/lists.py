"""Template tags for list pages (core.lists): sortable column headings and download links."""

from django import template
from django.urls import reverse

from core.exports import FORMATS

register = template.Library()

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)"}


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, listing, name, label, numeric=False):
    """A column heading that sorts the list by `name`: ascending first, then descending. The
    heading carries aria-sort; a new sort starts again at the first page."""
    current = listing.sorted_by
    if current == name:
        state, next_sort = "ascending", f"-{name}"
    elif current == f"-{name}":
        state, next_sort = "descending", name
    else:
        state, next_sort = "none", name
    query = context["request"].GET.copy()
    query["sort"] = next_sort
    query.pop("page", None)
    return {"href": f"?{query.urlencode()}", "label": label, "state": state, "numeric": numeric}


@register.inclusion_tag("includes/downloads.html", takes_context=True)
def download_links(context, url_name, *args, what="these rows"):
    """Links downloading the list as each format, with the filters and sort on the page."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    links = [
        {"href": reverse(url_name, args=[*args, fmt]) + suffix, "name": FORMAT_NAMES[fmt]}
        for fmt in FORMATS
    ]
    return {"links": links, "what": what}
