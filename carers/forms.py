"""Forms for carer households. Thin: the rules live in carers.services."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from core.conflicts import EditConflict, conflict_rows
from core.forms import VersionedForm

from .models import ApprovalStatus, CarerType, MockingbirdHub, Outreach

# GOV.UK asks for text inputs with a numeric keyboard, not type="number" (and crispy-forms-gds
# leaves the govuk-input class off number inputs).
WHOLE_NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
DECIMAL_NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
LEVEL_CHOICES = [("", "Any level")] + [(str(n), f"Level {n}") for n in range(1, 5)]


class DayMonthYearField(DateInputField):
    """The GOV.UK day, month and year date input, with plain messages and a sane year range."""

    EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

    def __init__(self, **kwargs):
        kwargs.setdefault("require_all_fields", False)  # one message per missing part
        super().__init__(**kwargs)

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = data_list
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as exc:
            raise ValidationError("Enter a real date, for example 27 3 2025.") from exc
        if not self.EARLIEST_YEAR <= value.year <= self.LATEST_YEAR:
            raise ValidationError(
                f"Enter a year between {self.EARLIEST_YEAR} and {self.LATEST_YEAR}."
            )
        return value


def gds_helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


class HouseholdFilterForm(forms.Form):
    """The list's filters. Anything that does not clean is ignored, with a message."""

    carer_type = forms.ChoiceField(
        label="Type of carer", choices=[("", "Any type")] + CarerType.choices, required=False
    )
    approval_status = forms.ChoiceField(
        label="Approval", choices=[("", "Any status")] + ApprovalStatus.choices, required=False
    )
    level = forms.TypedChoiceField(
        label="Level", choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    hub = forms.ModelChoiceField(
        label="Mockingbird hub",
        queryset=MockingbirdHub.objects.order_by("name"),
        empty_label="Any hub",
        required=False,
    )


class ApprovalForm(VersionedForm):
    approval_status = forms.ChoiceField(
        label="Approval status", choices=ApprovalStatus.choices, widget=forms.RadioSelect
    )
    approved_on = DayMonthYearField(
        label="Date approved",
        required=False,
        help_text="Needed when approved. For example, 27 3 2025",
    )
    approval_ends_on = DayMonthYearField(
        label="Temporary approval ends",
        required=False,
        help_text="Only for temporary approval of a connected person",
    )
    last_review_on = DayMonthYearField(label="Last annual review", required=False)
    level = forms.TypedChoiceField(
        label="Skill level",
        choices=[("", "No level")] + LEVEL_CHOICES[1:],
        coerce=int,
        empty_value=None,
        required=False,
    )
    approved_places = forms.IntegerField(
        label="Approved places",
        min_value=0,
        max_value=10,
        widget=WHOLE_NUMBER,
        help_text="Children at a time",
    )
    min_age = forms.IntegerField(
        label="Youngest age", min_value=0, max_value=25, widget=WHOLE_NUMBER
    )
    max_age = forms.IntegerField(label="Oldest age", min_value=0, max_value=25, widget=WHOLE_NUMBER)

    def __init__(self, *args, household, **kwargs):
        initial = {name: getattr(household, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = gds_helper(
            Field.radios("approval_status", legend_size=Size.MEDIUM),
            Field("approved_on"),
            Field("approval_ends_on"),
            Field("last_review_on"),
            Field.select("level"),
            Field.text("approved_places", field_width=Fixed.TWO),
            Field.text("min_age", field_width=Fixed.TWO),
            Field.text("max_age", field_width=Fixed.TWO),
            Field("version"),
            submit="Save approval",
        )


class OutreachForm(forms.Form):
    hub = forms.ModelChoiceField(
        label="Wraparound hub",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Choose a hub from the list."},
    )
    child = forms.TypedChoiceField(
        label="Child supported",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a child placed with this household."},
    )
    date = DayMonthYearField(label="Date", help_text="For example, 27 3 2025")
    kind = forms.ChoiceField(
        label="Kind of support", choices=Outreach.Kind.choices, widget=forms.RadioSelect
    )
    hours = forms.DecimalField(
        label="Hours",
        required=False,
        min_value=0,
        max_value=24,
        max_digits=4,
        decimal_places=1,
        widget=DECIMAL_NUMBER,
        help_text="For an outreach session",
    )
    # crispy-forms-gds's character count needs a hint to attach to.
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="What the support was for and how it went",
    )

    def __init__(self, *args, hubs, child_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["child"].choices = child_choices
        self.helper = gds_helper(
            Field.select("hub"),
            Field.radios("child", legend_size=Size.SMALL),
            Field("date"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("hours", field_width=Fixed.FOUR),
            Field.textarea("note", max_characters=2000),
            submit="Record outreach",
        )


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def submit(form, save) -> bool:
    """Hand a valid form's data to a service. A refusal is shown on the form, and a stale save
    leaves both versions in `form.conflict`. True when saved."""
    try:
        save(**form.cleaned_data)
    except EditConflict as exc:
        form.add_error(None, exc.message)
        form.conflict = conflict_rows(form, exc.saved)
    except ValidationError as exc:
        add_service_errors(form, exc)
    else:
        return True
    return False
