"""Forms for what the ledger records on a child's record besides their stays: a change of legal
status without a move, missing episodes, previous permanence and adoption. They check what a
person typed; the rules are in the services they hand over to."""

import datetime
import re

from django import forms
from django.utils import timezone

from core import codes
from core.forms import DayMonthYearField, GovForm, long_text

from .forms import coded


class LegalStatusChangeForm(GovForm):
    submit_label = "Record the change"

    legal_status = forms.ChoiceField(
        label="New legal status",
        choices=[("", "Choose a legal status")] + coded(codes.LegalStatus),
        error_messages={
            "required": "Choose the new legal status",
            "invalid_choice": "Choose a legal status from the list",
        },
    )
    on = DayMonthYearField(
        label="Date the legal status changed",
        help_text="The day of the court order or decision, for example 27 3 2026",
    )


TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _time_field(label):
    return forms.CharField(
        label=label,
        max_length=5,
        required=False,
        help_text="24-hour clock, for example 21:30. Leave blank if not known",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


def _moment(form, day_field, time_field, *, required):
    """Join a day and an optional time (midnight if not known) into a UK date and time."""
    day, typed = form.cleaned_data.get(day_field), form.cleaned_data.pop(time_field, "").strip()
    if day is None:
        if required and day_field not in form.errors:
            form.add_error(day_field, "Enter the date")
        return None
    match = TIME.match(typed) if typed else None
    if typed and match is None:
        form.add_error(time_field, "Enter the time as hours and minutes, like 21:30")
        return None
    clock = datetime.time(int(match[1]), int(match[2])) if match else datetime.time()
    return datetime.datetime.combine(day, clock, tzinfo=timezone.get_default_timezone())


class MissingForm(GovForm):
    submit_label = "Record missing episode"

    kind = forms.ChoiceField(
        label="Was the child missing, or away without authorisation?",
        choices=codes.MissingType.choices,
        widget=forms.RadioSelect,
        help_text="Away: the child's whereabouts were known, but they were not where they "
        "should have been",
        error_messages={"required": "Choose missing or away without authorisation"},
    )
    started_at = DayMonthYearField(label="Date they went missing")
    started_time = _time_field("Time they went missing (optional)")
    ended_at = DayMonthYearField(
        label="Date they came back (if they have)", required=False, help_text="Leave blank if "
        "they are still missing"
    )  # fmt: skip
    ended_time = _time_field("Time they came back (optional)")
    note = long_text("Note", "Where they were found, and who was told")

    def clean(self):
        data = super().clean()
        data["started_at"] = _moment(self, "started_at", "started_time", required=True)
        data["ended_at"] = _moment(self, "ended_at", "ended_time", required=False)
        return data


class ReturnForm(GovForm):
    submit_label = "Record the return"

    ended_at = DayMonthYearField(label="Date they came back")
    ended_time = _time_field("Time they came back (optional)")
    note = long_text("Note", "Where they were found, and the return interview")

    def clean(self):
        data = super().clean()
        data["ended_at"] = _moment(self, "ended_at", "ended_time", required=True)
        return data


class PreviousPermanenceForm(GovForm):
    submit_label = "Save"

    order = forms.ChoiceField(
        label="Before this period of care, did the child leave care through a permanence order?",
        choices=[("", "Choose one")] + coded(codes.PreviousPermanence),
        error_messages={
            "required": "Choose the previous permanence order, or none",
            "invalid_choice": "Choose an option from the list",
        },
    )
    order_council = forms.CharField(
        label="Council that arranged it (optional)",
        max_length=3,
        required=False,
        help_text="The DfE's code, like 383 for Leeds; WAL, SCO, NIR or NUK outside England",
    )
    order_date = DayMonthYearField(
        label="Date of the order (optional)", required=False, help_text="Leave blank if not known"
    )


YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known yet")]


class AdoptionDecisionForm(GovForm):
    submit_label = "Save"

    decided_on = DayMonthYearField(label="Date of the decision that the child should be placed")
    matched_on = DayMonthYearField(label="Date matched with adopters", required=False)
    ceased_on = DayMonthYearField(
        label="Date the decision ended", required=False, help_text="Adopted, or the plan changed"
    )
    ceased_reason = forms.ChoiceField(
        label="Why the decision ended",
        choices=[("", "It has not ended")] + coded(codes.AdoptionDecisionEnded),
        required=False,
        error_messages={"invalid_choice": "Choose a reason from the list"},
    )
    by_foster_carer = forms.TypedChoiceField(
        label="Adopted by their foster carer?",
        choices=YES_NO_UNKNOWN,
        coerce={"yes": True, "no": False}.get,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    adopters = forms.TypedChoiceField(
        label="Number of adopters",
        choices=[("", "Not known yet"), ("1", "One"), ("2", "Two")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    adopters_sex = forms.ChoiceField(
        label="Adopters' sex",
        choices=[("", "Not known yet")] + codes.AdoptersSex.choices,
        required=False,
    )
    adopters_legal_status = forms.ChoiceField(
        label="Adopters' legal status",
        choices=[("", "Not known yet")] + codes.AdoptersLegalStatus.choices,
        required=False,
    )
