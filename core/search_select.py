"""Choose one record out of thousands by searching for it, instead of a drop-down of them all.

`SearchChoiceField` is a ModelChoiceField whose widget, `SearchSelect`, shows a search box and
the matching records as GOV.UK radios (the first `LIMIT`, the chosen one always among them).
Without JavaScript, the search box's button posts the form back: the view shows the answers
again with the results and saves nothing (`GovForm.is_searching`). With JavaScript, htmx asks
`search_url` for the results as you type and swaps them in. Either way the form posts the
chosen record's id under the field's name, so its rules and messages stay the form's own, and
it runs at most two queries per field (the chosen record and one page of results) whatever the
number of records.
"""

from django import forms
from django.forms.renderers import get_default_renderer

from core.text_search import every_word

SEARCH_BUTTON = "search_for"  # the name of the no-JavaScript search buttons
LIMIT = 10


def query_name(name: str) -> str:
    return f"{name}_q"


class SearchSelect(forms.Widget):
    template_name = "core/search_select.html"

    def __init__(self, *, search_url, search_fields, attrs=None):
        super().__init__(attrs)
        self.search_url = search_url
        self.search_fields = search_fields
        self.queryset = None  # set by the field
        self.label = ""

    def value_from_datadict(self, data, files, name):
        # A NUL can match no record, and PostgreSQL refuses it in a query.
        query = data.get(query_name(name), "").replace("\x00", "").strip()
        return [data.get(name, ""), query]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and query_name(name) not in data

    def matches(self, query: str) -> tuple[list, bool]:
        """The first LIMIT records whose search fields contain every word typed, and whether
        there are more."""
        matching = every_word(query, *self.search_fields)
        if matching is None:
            return [], False
        found = list(self.queryset.filter(matching)[: LIMIT + 1])
        return found[:LIMIT], len(found) > LIMIT

    def results(self, name, value, label, id_):
        """What the results list shows: the chosen record first, then the matches."""
        chosen_pk, query = value if isinstance(value, (list, tuple)) else (value, "")
        chosen = None
        if str(chosen_pk or "").isdigit():
            chosen = self.queryset.filter(pk=chosen_pk).first()
        found, more = self.matches(query)
        options = [chosen] if chosen else []
        options += [record for record in found if record != chosen]
        return {
            "name": name,
            "id": id_,
            "label": label,
            "query": query,
            "options": options,
            "chosen": chosen,
            "found": len(found),
            "more": more,
            "optional": not self.is_required,
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        widget = context["widget"]
        widget["query_name"] = query_name(name)
        widget["search_url"] = self.search_url
        widget["search_button"] = SEARCH_BUTTON
        widget["results"] = self.results(name, value, self.label, widget["attrs"]["id"])
        widget["query"] = widget["results"]["query"]
        return context


class SearchChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField chosen by search; `search_fields` are the lookups searched."""

    def __init__(self, queryset, *, search_url, search_fields, **kwargs):
        widget = SearchSelect(search_url=search_url, search_fields=search_fields)
        super().__init__(queryset, widget=widget, **kwargs)
        self.widget.label = self.label

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self._queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        chosen = value[0] if isinstance(value, (list, tuple)) else value
        return super().to_python(chosen)

    def has_changed(self, initial, data):
        chosen = data[0] if isinstance(data, (list, tuple)) else data
        return super().has_changed(initial, chosen)


def search_results(request, field, name):
    """The results list of a SearchChoiceField for htmx, from the query string."""
    value = field.widget.value_from_datadict(request.GET, None, name)
    results = field.widget.results(name, value, field.label, f"id_{name}")
    return get_default_renderer().render("core/search_results.html", {"results": results})
