"""Form pieces shared by several apps: GOV.UK forms, messages in GOV.UK words for every field
(`GovMessages`), dates typed as day, month and year, numbers and long text with messages that
say what to type, and the services' rule errors shown on a form's fields."""

import datetime
import re
from decimal import Decimal

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict, pretty_name

from core.conflicts import EditConflict, conflict_rows
from core.dates import today
from core.search_select import SEARCH_BUTTON, SearchSelect

TEXT_LIMIT = 2000
EARLIEST_DATE = datetime.date(1990, 1, 1)  # the ledger's dates: nothing in care began before
LONG_AGO = datetime.date(1900, 1, 1)  # adults' dates of birth and carers' histories
YEARS_AHEAD = 3


# Labels whose first word keeps its capital inside a sentence.
_PROPER = ("Ofsted", "DfE", "UASC", "URN", "UPN", "NHS", "SSDA903", "Regulation", "Reg ", "I ")


# First words that need no "the" before them ("who", "its postcode", "or somewhere else").
_OWN_ARTICLE = {"the", "a", "an", "its", "her", "his", "their", "your", "or", "who", "what",
                "where", "when", "why", "how", "whether"}  # fmt: skip


def _in_sentence(label) -> str:
    """A label as words inside a message: "Date of birth (optional)" -> "the date of birth"."""
    text = re.sub(r"\s*\([^)]*\)", "", str(label)).strip().rstrip(":")
    words = text.split()
    # "Quality Standard" is a name; "Date UASC status ended" is not.
    named = len(words) > 1 and words[1][:1].isupper() and not words[1].isupper()
    if not text.startswith(_PROPER) and not text[1:2].isupper() and not named:
        text = text[0].lower() + text[1:]
    if text.split(" ", 1)[0] in _OWN_ARTICLE:
        return text.removeprefix("or ")
    return f"the {text}"


def date_in_sentence(label) -> str:
    """A date's label inside a message: "Start date" -> "the start date", and a label that
    does not say it is a date, "Stay until" -> "the stay until date"."""
    words = _in_sentence(label)
    return words if re.search(r"date|day|birth", words) else f"{words} date"


def _capital(words: str) -> str:
    return words[0].upper() + words[1:]


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
    to do. Dates before `earliest` (1990 unless given) or more than three years ahead are
    refused as typing slips."""

    widget = DayMonthYearWidget

    def __init__(self, *, label, earliest: datetime.date = EARLIEST_DATE, **kwargs):
        super().__init__(label=label, **kwargs)
        self.earliest = earliest
        name = date_in_sentence(label)
        self.error_messages = {
            "required": f"Enter {name}",
            "incomplete": f"Enter {name} as a day, month and year",
            "invalid": f"Enter {name} as a day, month and year",
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
                f"{_capital(self._name)} must be a real date, for example 27 3 2026"
            ) from exc
        latest = today().replace(year=today().year + YEARS_AHEAD, month=1, day=1)
        if not self.earliest <= value < latest:
            raise ValidationError(
                f"{_capital(self._name)} must be between {self.earliest:%Y} and {latest.year - 1}"
            )
        return value


def _yes_or_no(field) -> bool:
    if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
        return False
    values = {str(value) for value, _ in field.choices if value != ""}
    return bool(values) and values <= {"yes", "no", "True", "False"}


def gov_messages(field, label) -> dict[str, str]:
    """GOV.UK messages for what a field can refuse, named after its label. Django's defaults
    ("This field is required.", "Select a valid choice...") say neither what nor how."""
    is_date = isinstance(field, (forms.DateField, DateInputField))
    if str(label).rstrip().endswith("?"):  # a question: its label does not fit in a sentence
        what = f"an answer to “{str(label).strip()}”"
    else:
        what = date_in_sentence(label) if is_date else _in_sentence(label)
    choose = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField))
    if isinstance(field, forms.BooleanField):
        required = f"Tick the box: {str(label).strip()}"
    elif isinstance(field, forms.FileField):
        required = f"Choose a file for {what}"
    else:
        required = f"{'Choose' if choose else 'Enter'} {what}"
    if isinstance(field, (forms.DecimalField, forms.FloatField)):  # before IntegerField, their base
        invalid = f"Enter {what} as a number, like 2.5"
    elif isinstance(field, forms.IntegerField):
        invalid = f"Enter {what} as a whole number, like 3"
    elif is_date:
        invalid = f"Enter {what} as a real date, like 27 3 2026"
    elif isinstance(field, forms.EmailField):
        invalid = "Enter an email address in the correct format, like name@example.com"
    else:
        invalid = f"Enter {what} in the right format"
    from_list = f"Choose {what} from the list"
    if _yes_or_no(field):
        required = from_list = f"Choose yes or no for “{str(label).strip()}”"
    return {
        "required": required,
        "invalid": invalid,
        "incomplete": f"Enter {what} in full",
        "invalid_choice": from_list,
        "invalid_list": from_list,
        "invalid_pk_value": from_list,
        "max_length": f"{_capital(what)} must be %(limit_value)d characters or fewer",
        "min_length": f"{_capital(what)} must be %(limit_value)d characters or more",
        "max_value": f"{_capital(what)} must be %(limit_value)s or less",
        "min_value": f"{_capital(what)} must be %(limit_value)s or more",
        "max_digits": f"Enter {what} as a smaller number",
        "max_whole_digits": f"Enter {what} as a smaller number",
        "max_decimal_places": f"Enter {what} with at most %(max)s decimal places",
        "null_characters_not_allowed": f"Remove the unusual characters from {what}",
        "missing": f"Choose a file for {what}",
        "empty": "The file you chose is empty",
    }


# crispy-forms-gds's date input says these whatever the date is.
LIBRARY_DEFAULTS = {
    "Enter the day, month and year",
    "Enter a valid date",
    "Enter a valid month",
    "Enter a valid year",
}


def _django_default(field, code) -> bool:
    """Whether the field would say Django's own message for `code` (none given for it)."""
    if code not in field.error_messages or field.error_messages[code] in LIBRARY_DEFAULTS:
        return True  # a validator's own message (max_length, min_value...)
    defaults = (getattr(c, "default_error_messages", {}).get(code) for c in type(field).__mro__)
    return any(field.error_messages[code] == d for d in defaults if d is not None)


def use_gov_messages(field, label) -> None:
    """Give `field` (and the parts of a day/month/year date) GOV.UK messages wherever it
    would say Django's default; messages a form chose itself are kept."""
    for code, message in gov_messages(field, label).items():
        if _django_default(field, code):
            field.error_messages[code] = message
    for part in getattr(field, "fields", ()):  # a date's day, month and year
        part.error_messages["invalid"] = field.error_messages["invalid"]
        part.error_messages.setdefault("incomplete", field.error_messages["incomplete"])


class GovMessages:
    """Mixed into every form the pages use (GovForm, VersionedForm and the apps' own): each
    field says GOV.UK messages instead of Django's defaults, the shared ones set here once."""

    def full_clean(self):
        # Here rather than in __init__: some forms add fields after it (ImpactAssessmentForm).
        for name, field in self.fields.items():
            use_gov_messages(field, field.label or pretty_name(name))
        super().full_clean()


class GovModelForm(GovMessages, forms.ModelForm):
    """The admin's forms for a model (core.admin.KeptRecordAdmin), with GOV.UK messages."""


class SearchingForm(forms.Form):
    """A form that may hold a record chosen by search (core.search_select). Its search button
    posts the form only to show the results: the answers are shown again unchecked, without
    errors, and the form is not valid, so the view saves nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_searching = self.is_bound and SEARCH_BUTTON in self.data

    def full_clean(self):
        if self.is_searching:
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.is_searching and super().is_valid()


class GovForm(GovMessages, SearchingForm):
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
    if isinstance(field.widget, SearchSelect):
        return Field.text(name, field_width=20)
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


class _Trial(Exception):
    """Raised to roll back a trial of the rules that passed."""


def _blank(field):
    text = isinstance(field, forms.CharField | forms.ChoiceField)
    return "" if text and not isinstance(field, forms.ModelChoiceField) else None


def rule_errors_too(form, attempt, *, needs, aliases=None) -> None:
    """All errors in one round: a form with errors of its own also shows the rules' errors
    on its other fields, so the person does not fix one lot to be told of the next.

    `attempt(**answers)` is the service, tried with the valid answers (blank for the rest)
    inside a transaction that is always rolled back, once every answer in `needs` is valid.
    Only errors on fields without one of their own are added: a rule's complaint about a
    blank stand-in is not news."""
    if getattr(form, "is_searching", False) or not set(needs) <= set(form.cleaned_data):
        return
    answers = {name: _blank(field) for name, field in form.fields.items()} | form.cleaned_data
    answers.pop("version", None)
    try:
        with transaction.atomic():
            attempt(**answers)
            raise _Trial
    except _Trial:
        return
    except ValidationError as exc:
        aliases = aliases or {}
        for name, errors in getattr(exc, "error_dict", {}).items():
            name = aliases.get(name, name)
            if name in form.fields and name not in form.errors:
                form.add_error(name, errors)


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


class _MoneyField(forms.DecimalField):
    def to_python(self, value):
        amount = super().to_python(value)
        return Decimal("0") if amount is None else amount


def money(label, help_text=""):
    """An amount in pounds and pence; blank is 0."""
    name = label[0].lower() + label[1:]
    return _MoneyField(
        label=label,
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": f"Enter the {name} as an amount in pounds, like 950.00",
            "min_value": f"The {name} cannot be below 0",
            "max_digits": f"Enter the {name} below £10,000,000",
            "max_whole_digits": f"Enter the {name} below £10,000,000",
            "max_decimal_places": f"Enter the {name} in pounds and pence, like 950.00",
        },
    )


def short_text(label, max_length, *, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Enter the {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
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


def initial_from(record, names) -> dict:
    """A form's answers from a saved record, with its version; none for a new record."""
    if record is None:
        return {}
    return {name: getattr(record, name) for name in names} | {"version": record.version}


class VersionedForm(GovMessages, forms.Form):
    """An edit form carrying, hidden, the version of the record it was opened at (core.conflicts)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        # A hidden field's error would show nowhere: say it at the top of the form instead.
        if self._errors and self._errors.pop("version", None):
            self.add_error(None, "This form is out of date or incomplete. Open the record again.")
        return super().clean()


def submit(form, save) -> bool:
    """Hand a valid form's answers to a service: `save(**form.cleaned_data)`, whose answer
    is kept in `form.saved`. A refusal is shown on the form's fields, and a stale save leaves
    both versions in `form.conflict` (includes/edit_conflict.html). True when saved."""
    try:
        form.saved = save(**form.cleaned_data)
    except EditConflict as exc:
        form.add_error(None, exc.message)
        form.conflict = conflict_rows(form, exc.saved)
    except ValidationError as exc:
        add_rule_errors(form, exc)
    else:
        return True
    return False
