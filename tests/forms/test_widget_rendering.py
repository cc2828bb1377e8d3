"""Form widgets render by Jinja2 (core.form_renderer) the same HTML as the Django template
language renders from Django's and crispy-forms-gds's own templates: only faster."""

import datetime
import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting, get_default_renderer
from django.template.backends.jinja2 import Template as Jinja2Template

from core.form_renderer import WidgetsInJinja2
from core.forms import DayMonthYearField


class EveryKindOfWidget(forms.Form):
    legal_status = forms.ChoiceField(
        choices=[
            ("", "Choose a legal status"),
            ("Care orders", [("C1", "Interim care order (C1)"), ("C2", "Full care order <C2>")]),
            ("V2", "Single period of accommodation under section 20 (V2)"),
        ]
    )
    reasons = forms.MultipleChoiceField(choices=[("a", "A & B"), ("b", "B")])
    postcode = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    beds = forms.IntegerField()
    short_break = forms.BooleanField(required=False)
    start_date = DayMonthYearField(label="Start date")
    outcome = forms.ChoiceField(widget=forms.RadioSelect, choices=[("home", "Home"), ("x", "<X>")])
    needs = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("a", "Autism"), ("b", "Behaviour")]
    )
    report = forms.FileField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


ANSWERS = {
    "legal_status": "C2",
    "reasons": ["a", "b"],
    "postcode": "LS1 \"4AP\" 'x'",
    "purpose": "Safe return home <soon>",
    "beds": "2",
    "short_break": "on",
    "start_date_0": "31",
    "start_date_1": "2",
    "start_date_2": "2026",
    "outcome": "x",
    "needs": ["b"],
    "version": "3",
}


def _tidy(html):
    """Whitespace between tags aside, and quotes escaped either way (Django writes &quot; and
    &#x27;, Jinja2's MarkupSafe &#34; and &#39;: the same characters)."""
    html = str(html).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("answers", [None, ANSWERS], ids=["blank", "answered"])
@pytest.mark.parametrize("name", list(EveryKindOfWidget.base_fields))
def test_each_widget_renders_the_same_html_as_the_django_template_language(name, answers):
    jinja2 = EveryKindOfWidget(answers, renderer=WidgetsInJinja2())
    django_templates = EveryKindOfWidget(answers, renderer=TemplatesSetting())

    rendered = _tidy(jinja2[name].as_widget())

    assert rendered == _tidy(django_templates[name].as_widget())
    assert f'name="{name}' in rendered


def test_answers_are_escaped_and_the_chosen_kept():
    form = EveryKindOfWidget(ANSWERS, renderer=WidgetsInJinja2())

    assert '<option value="C2" selected>Full care order &lt;C2&gt;</option>' in _tidy(
        form["legal_status"].as_widget()
    )
    assert 'value="LS1 &#34;4AP&#34; &#39;x&#39;"' in str(form["postcode"].as_widget())
    assert ">\nSafe return home &lt;soon&gt;</textarea>" in str(form["purpose"].as_widget())
    day = _tidy(form["start_date"].as_widget())
    assert (
        '<label class="govuk-label govuk-date-input__label" for="id_start_date_0">Day</label>'
        in day
    )
    assert 'label="' not in day


def test_a_date_given_as_a_date_shows_its_day_month_and_year():
    form = EveryKindOfWidget(initial={"start_date": datetime.date(2026, 3, 27)})

    day = _tidy(form["start_date"].as_widget())

    assert re.findall(r'name="start_date_\d" value="(\d+)"', day) == ["27", "3", "2026"]


def test_widgets_come_from_jinja2_and_every_other_form_template_from_templates():
    renderer = get_default_renderer()

    for name in (
        "django/forms/widgets/select.html",
        "django/forms/widgets/text.html",
        "gds/widgets/date.html",
        "core/search_select.html",
        "core/search_results.html",
    ):
        assert isinstance(renderer.get_template(name), Jinja2Template), name
    for name in ("django/forms/div.html", "django/forms/errors/list/ul.html"):
        assert not isinstance(renderer.get_template(name), Jinja2Template), name


def test_a_missing_value_renders_as_nothing_with_debug_on_too(settings):
    settings.DEBUG = True  # as under `make run`
    jinja2 = EveryKindOfWidget(auto_id=False, renderer=WidgetsInJinja2())
    django_templates = EveryKindOfWidget(auto_id=False, renderer=TemplatesSetting())

    day = _tidy(jinja2["start_date"].as_widget())

    assert '<div class="govuk-date-input" id="">' in day and "{{" not in day
    assert day == _tidy(django_templates["start_date"].as_widget())
