"""Forms for recording, moving and ending placements, extensions and matching.

Forms check what a person typed (types, real dates, lengths, choices they may make); the
placement rules themselves run in placements.services and come back as field errors
through `add_rule_errors`.
"""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError

from accounts.access import children_visible_to, has_role, homes_managed_by
from accounts.models import Role
from carers.models import CarerHousehold
from children.models import Child
from core import codes
from core.dates import today
from core.forms import VersionedForm
from homes.models import Home, Unit

from .models import MatchingAssessment, MatchingRisk, Outcome

TEXT_LIMIT = 2000
EARLIEST_DATE = datetime.date(1990, 1, 1)
YEARS_AHEAD = 3


def coded(choices) -> list[tuple[str, str]]:
    """DfE codes shown as plain English, with the code after it for people who know them."""
    return [(value, f"{label} ({value})") for value, label in choices.choices]


class DayMonthYearWidget(DateInputWidget):
    """GOV.UK day/month/year inputs that also accept one ISO date (`?start=2026-01-05`), so
    links can prefill them."""

    def value_from_datadict(self, data, files, name):
        single = data.get(name)
        if single:
            try:
                day = datetime.date.fromisoformat(single)
            except ValueError:
                return [single, "", ""]
            return [str(day.day), str(day.month), str(day.year)]
        return super().value_from_datadict(data, files, name)


class DayMonthYearField(DateInputField):
    """A date typed as day, month and year, with messages that name the date and say what
    to do. Dates before 1990 or more than three years ahead are refused as typing slips."""

    widget = DayMonthYearWidget

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, **kwargs)
        name = label[0].lower() + label[1:]
        self.error_messages = {
            "required": f"Enter the {name}",
            "incomplete": f"Enter the {name} as a day, month and year",
            "invalid": f"Enter the {name} as a day, month and year",
        }
        # The parts are checked together in compress, so one message names the whole date.
        self.require_all_fields = False
        for part in self.fields:
            part.required = False
            part.validators = []
        self._name = name

    def compress(self, data_list):
        parts = ["" if p is None else str(p).strip() for p in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(self.error_messages["incomplete"])
        try:
            value = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except (ValueError, OverflowError) as exc:
            raise ValidationError(
                f"The {self._name} must be a real date, for example 27 3 2026"
            ) from exc
        latest = today().replace(year=today().year + YEARS_AHEAD, month=1, day=1)
        if not EARLIEST_DATE <= value < latest:
            raise ValidationError(
                f"The {self._name} must be between {EARLIEST_DATE:%Y} and {latest.year - 1}"
            )
        return value


class GovForm(forms.Form):
    """A form rendered with GOV.UK Frontend through crispy-forms-gds, error summary on top."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return [_gds_field(name, field) for name, field in self.fields.items()]


def _gds_field(name, field):
    if isinstance(field.widget, forms.RadioSelect):
        return Field.radios(name, legend_size="s")
    if isinstance(field.widget, forms.CheckboxInput):
        return Field.checkbox(name)
    if isinstance(field.widget, forms.Textarea):
        return Field.textarea(name, max_characters=field.max_length)
    if isinstance(field, DateInputField):
        return Field(name)
    if isinstance(field.widget, forms.Select):
        return Field.select(name)
    return Field.text(name, field_width=10)


def check_end_after_start(form, start: str, end: str) -> None:
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last <= first:
        form.add_error(end, "The end date must be after the start date")


def add_rule_errors(form, error: ValidationError, aliases: dict | None = None) -> None:
    """Show the placement rules' messages on the form's fields (others at the top)."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = aliases.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def whole_number(label, *, least, most, required=True, help_text=""):
    """A GOV.UK number question: a text input with a numeric keyboard, messages that say
    what to type."""
    return forms.IntegerField(
        label=label,
        min_value=least,
        max_value=most,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a whole number, like {least + 1}",
            "min_value": f"The {label.lower()} must be {least} or more",
            "max_value": f"The {label.lower()} must be {most} or less",
        },
    )


def _choice(queryset, label, empty, required=True, help_text=""):
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        empty_label=empty,
        required=required,
        help_text=help_text,
        error_messages={"invalid_choice": f"{empty} from the list"},
    )


def long_text(label, help_text="", required=False):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_LIMIT,
        # crispy-forms-gds's character count expects the key (KeyError without help text)
        widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": ""}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "max_length": f"{label} must be {TEXT_LIMIT} characters or fewer",
        },
    )


class WhereFields(GovForm):
    """Where the child will live: a children's home (and a unit in it) or a carer household.

    Social workers and administrators may choose any open home and any household; a home
    manager only their own homes."""

    home = _choice(
        Home.objects.none(),
        "Children's home",
        "Choose a home",
        required=False,
        help_text="Or choose a carer household below",
    )
    unit = _choice(
        Unit.objects.none(),
        "Bed, trainer flat or linked house",
        "Choose a unit",
        required=False,
        help_text="Only for homes that have them",
    )
    carer = _choice(
        CarerHousehold.objects.none(), "Carer household", "Choose a household", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        homes = (
            homes_managed_by(user)
            if has_role(user, Role.HOME_MANAGER)
            else Home.objects.filter(closed_on__isnull=True)
        )
        carers = (
            CarerHousehold.objects.none()
            if has_role(user, Role.HOME_MANAGER)
            else CarerHousehold.objects.all()
        )
        self.fields["home"].queryset = homes.order_by("name")
        self.fields["unit"].queryset = Unit.objects.filter(
            home__in=homes, is_active=True
        ).select_related("home")
        self.fields["carer"].queryset = carers.order_by("name")

    def clean(self):
        data = super().clean()
        home, carer = data.get("home"), data.get("carer")
        if home and carer:
            self.add_error("carer", "Choose a children's home or a carer household, not both")
        elif not home and not carer and "home" not in self.errors and "carer" not in self.errors:
            self.add_error("home", "Choose a children's home or a carer household")
        if data.get("unit") and not home:
            self.add_error("unit", "Choose the home the unit is in")
        return data


class PlacementForm(WhereFields):
    submit_label = "Record placement"

    field_order = ["child", "home", "unit", "carer"]

    child = _choice(Child.objects.none(), "Child or young person", "Choose a child")
    start_date = DayMonthYearField(label="Start date", help_text="For example, 27 3 2026")
    planned_end_date = DayMonthYearField(
        label="Planned end date",
        required=False,
        help_text="Homes with a stay limit need one. The child leaves on this day.",
    )
    purpose = long_text("Purpose", "What this stay is for, and how it will end")
    legal_status = forms.ChoiceField(
        label="Legal status", choices=[("", "Choose a legal status")] + coded(codes.LegalStatus)
    )
    reason_new_episode = forms.ChoiceField(
        label="Reason for the new episode",
        choices=coded(codes.ReasonNewEpisode),
        initial=codes.ReasonNewEpisode.P,
    )
    placement_type = forms.ChoiceField(
        label="Placement type (optional)",
        choices=[("", "The usual type for the home or household")] + coded(codes.PlacementType),
        required=False,
    )
    provider = forms.ChoiceField(
        label="Placement provider (optional)",
        choices=[("", "The usual provider for the home or household")]
        + coded(codes.PlacementProvider),
        required=False,
    )
    is_short_break = forms.BooleanField(
        label="This is a short break (17 days at most)", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["child"].queryset = children_visible_to(user).order_by(
            "last_name", "first_name"
        )
        for name in ("legal_status", "reason_new_episode", "placement_type", "provider"):
            self.fields[name].error_messages["invalid_choice"] = "Choose an option from the list"


class MoveForm(WhereFields):
    submit_label = "Move child"

    field_order = ["move_date", "home", "unit", "carer"]

    move_date = DayMonthYearField(
        label="Move date", help_text="The day the child leaves one place and arrives at the next"
    )
    planned_end_date = DayMonthYearField(label="Planned end date", required=False)
    reason_placement_change = forms.ChoiceField(
        label="Reason for the move",
        choices=[("", "Choose a reason")] + coded(codes.ReasonPlacementChange),
        error_messages={
            "required": "Choose the reason for the move",
            "invalid_choice": "Choose a reason from the list",
        },
    )
    purpose = long_text("Purpose", "What the new stay is for")


class EndForm(GovForm):
    submit_label = "End placement"

    end_date = DayMonthYearField(label="End date", help_text="The day the child left")
    outcome = forms.ChoiceField(
        label="Where did the child go?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the child went"},
    )
    reason_episode_ceased = forms.ChoiceField(
        label="Reason the episode ended",
        choices=[("", "Choose a reason")] + coded(codes.ReasonEpisodeCeased),
        error_messages={"required": "Choose the reason the episode ended"},
    )
    reason_placement_change = forms.ChoiceField(
        label="Reason for the change of placement (if the child moved on)",
        choices=[("", "Not applicable")] + coded(codes.ReasonPlacementChange),
        required=False,
    )


class PlannedEndForm(VersionedForm, GovForm):
    """Change the planned end. `version` is the placement's version when the form was opened,
    so a save over someone else's newer change is refused instead of overwriting it."""

    submit_label = "Save planned end date"

    planned_end_date = DayMonthYearField(label="Planned end date")


class ExtensionRequestForm(GovForm):
    submit_label = "Request extension"

    extend_to = DayMonthYearField(label="Stay until", help_text="The new latest end date")
    reason = long_text("Reason", "Why the young person needs to stay longer", required=True)


class ExtensionDecisionForm(GovForm):
    submit_label = "Record decision"

    decision = forms.ChoiceField(
        label="Decision",
        choices=[("authorise", "Authorise the extension"), ("refuse", "Refuse the extension")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to authorise or refuse the extension"},
    )
    note = long_text("Reason for the decision", "Required when you authorise")


class MatchingStartForm(GovForm):
    """Step one of matching: which of the manager's homes, and the proposed start."""

    submit_label = "Continue"

    home = _choice(Home.objects.none(), "Home", "Choose a home")
    start = DayMonthYearField(label="Proposed start date")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"
        self.fields["home"].queryset = homes_managed_by(user).order_by("name")


class MatchingForm(GovForm):
    """The incoming child is named by local identifier (the social worker gives it), because
    a manager cannot browse children who do not live in their homes. One risk level and note
    per child already living in the home."""

    submit_label = "Sign off matching assessment"

    child_ref = forms.CharField(
        label="Local identifier of the child to be admitted",
        max_length=20,
        help_text="The social worker gives you this, for example LC000123",
        error_messages={"required": "Enter the local identifier of the child to be admitted"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=MatchingAssessment.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the child can be admitted"},
    )
    summary = long_text("Summary", "The impact on the home and why you decided", required=True)
    signed_off = forms.BooleanField(
        label="I have considered the impact on every child living in the home",
        error_messages={"required": "Confirm you have considered every child living in the home"},
    )

    def __init__(self, *args, residents, **kwargs):
        self.residents = list(residents)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        for resident in self.residents:
            self.fields[f"risk_{resident.pk}"] = forms.ChoiceField(
                label=f"Risk to and from {resident.full_name}",
                choices=MatchingRisk.Level.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the risk level for {resident.full_name}"},
            )
            self.fields[f"note_{resident.pk}"] = long_text(f"Note about {resident.full_name}")
        return super().layout_fields()

    def clean_child_ref(self):
        ref = self.cleaned_data["child_ref"].strip().upper()
        child = Child.objects.filter(local_id__iexact=ref).first()
        if child is None:
            raise ValidationError(
                "No child has that local identifier; check it with the social worker"
            )
        return child

    def risks(self):
        return [
            (r, self.cleaned_data[f"risk_{r.pk}"], self.cleaned_data[f"note_{r.pk}"])
            for r in self.residents
        ]
