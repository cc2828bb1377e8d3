"""Forms for recording what the alerts ask for. They only parse input; the rules are in services."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from core import codes
from core.dates import today
from core.forms import DayMonthYearField, GovMessages

from .outcomes import year_endings

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label, required_message, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


class _RecordForm(GovMessages, forms.Form):
    """A GOV.UK layout of the form's fields in order, without its own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*(self._layout(name, f) for name, f in self.fields.items()))

    @staticmethod
    def _layout(name, field):
        if isinstance(field, DayMonthYearField):
            return Field(name, context={"legend_size": Size.SMALL})
        if isinstance(field.widget, forms.RadioSelect):
            return Field.radios(name, inline=True, legend_size=Size.SMALL)
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name)
        if isinstance(field.widget, forms.Select):
            return Field.select(name)
        return Field.text(name)


class ReviewForm(_RecordForm):
    held_on = DayMonthYearField(
        label="Date the review was held", help_text="For example, 27 3 2026"
    )
    participation = forms.ChoiceField(
        label="How did the child take part?",
        choices=[("", "Choose how the child took part")]
        + [(value, f"{label} ({value})") for value, label in codes.ReviewParticipation.choices],
        error_messages={
            "required": "Choose how the child took part in the review",
            "invalid_choice": "Choose how the child took part from the list",
        },
    )
    chaired_by = forms.CharField(
        label="Independent reviewing officer (optional)", max_length=120, required=False
    )


class VisitForm(_RecordForm):
    visited_on = DayMonthYearField(label="Date of the visit", help_text="For example, 27 3 2026")
    seen_alone = _yes_no("Was the child seen alone?", "Select yes if the child was seen alone")
    note = forms.CharField(
        label="Note (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class PlanForm(_RecordForm):
    completed_on = DayMonthYearField(
        label="Date the placement plan was completed", help_text="For example, 27 3 2026"
    )
    lasts_until_18 = _yes_no(
        "Is the placement meant to last until the child is 18?",
        "Select yes if the placement is meant to last until the child is 18",
        help_text="After its first year, visits may then be 3 months apart.",
    )


def _yes_no_blank(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class OutcomesForm(_RecordForm):
    """OC2: what the DfE asks about a child looked after for the whole year to 31 March.
    Which answers a child needs depends on their age; the service says which are missing."""

    year_ending = forms.TypedChoiceField(
        label="Year ending",
        coerce=datetime.date.fromisoformat,
        error_messages={
            "required": "Choose the year",
            "invalid_choice": "Choose a year from the list",
        },
    )
    sdq_score = forms.IntegerField(
        label="Strengths and Difficulties Questionnaire (SDQ) score (ages 4 to 16)",
        min_value=0,
        max_value=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the SDQ score as a whole number, like 14",
            "min_value": "The SDQ score is 0 or more",
            "max_value": "The SDQ score is 40 or less",
        },
    )
    sdq_reason = forms.ChoiceField(
        label="Or the reason there is no SDQ score",
        choices=[("", "There is a score")] + codes.SdqReason.choices,
        required=False,
        error_messages={"invalid_choice": "Choose a reason from the list"},
    )
    convicted = _yes_no_blank("Convicted or given a final warning or reprimand (10 and over)")
    health_check = _yes_no_blank("Health checks up to date (under 5)")
    immunisations = _yes_no_blank("Immunisations up to date")
    teeth_check = _yes_no_blank("Teeth checked by a dentist in the year")
    health_assessment = _yes_no_blank("Annual health assessment done")
    substance_misuse = _yes_no_blank("Identified as having a substance misuse problem")
    intervention_received = _yes_no_blank(
        "Received an intervention for substance misuse", "Only if there is a misuse problem"
    )
    intervention_offered = _yes_no_blank(
        "Offered an intervention for substance misuse", "Only if they did not receive one"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_ending"].choices = [
            (day.isoformat(), f"1 April {day.year - 1} to 31 March {day.year}")
            for day in year_endings(today())
        ]
