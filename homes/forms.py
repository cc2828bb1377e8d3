from crispy_forms_gds.layout import Field
from django import forms
from django.core.exceptions import ValidationError

from accounts.access import people_with_role
from accounts.models import Role
from core import postcodes
from core.forms import (
    DayMonthYearField,
    GovForm,
    VersionedForm,
    check_end_after_start,
    initial_from,
    long_text,
    money,
    short_text,
    whole_number,
)

from .models import BedBlock, HomeType, OfstedRating, Provision, Unit

MAX_ID = 2**63 - 1


class BedBlockForm(GovForm):
    submit_label = "Block beds"

    beds = whole_number("Number of beds", least=1, most=99)
    start_date = DayMonthYearField(label="Start date")
    end_date = DayMonthYearField(
        label="End date",
        required=False,
        help_text="The first day the beds are free again. Leave blank if not known.",
    )
    reason = forms.ChoiceField(
        label="Reason",
        choices=BedBlock.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the beds are blocked"},
    )
    note = long_text("Note")

    def clean(self):
        data = super().clean()
        check_end_after_start(self, "start_date", "end_date")
        return data


class _RecordForm(VersionedForm, GovForm):
    """Adds a record (`record` None) or changes it, opened at the record's version."""

    def __init__(self, *args, record=None, **kwargs):
        self.adding = record is None
        if not self.adding:
            self.submit_label = "Save changes"
        super().__init__(*args, initial=initial_from(record, self.base_fields), **kwargs)

    def layout_fields(self):
        if self.adding:
            del self.fields["version"]  # a new record has no version yet
        return super().layout_fields()


class HomeForm(_RecordForm):
    submit_label = "Add home"

    name = short_text("Name", 120, help_text="For example, Oak House")
    home_type = forms.ModelChoiceField(
        queryset=HomeType.objects.order_by("name"),
        label="Type of home",
        empty_label="Choose a type",
        help_text="The type sets the ages, the longest stay and the most beds",
        error_messages={
            "required": "Choose the type of home",
            "invalid_choice": "Choose a type from the list",
        },
    )
    provision = forms.ChoiceField(
        label="Who runs the home",
        choices=Provision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who runs the home"},
    )
    provider_name = short_text(
        "Provider", 120, required=False, help_text="For homes run by an external provider"
    )
    address = long_text("Address")
    postcode = short_text("Postcode", 8, help_text="For example, LS1 1AA")
    beds = whole_number("Number of beds", least=1, most=99)
    weekly_cost = money("Weekly cost of a bed", help_text="In pounds. For example, 4200.00")
    ofsted_urn = short_text(
        "Ofsted URN", 8, required=False, help_text="For example, SC123456 or 2512345"
    )
    registered_manager = short_text(
        "Registered manager", 120, required=False, help_text="As on the Ofsted registration"
    )
    ofsted_rating = forms.ChoiceField(
        label="Ofsted rating",
        choices=OfstedRating.choices,
        initial=OfstedRating.NOT_YET_INSPECTED,
        error_messages={"invalid_choice": "Choose a rating from the list"},
    )
    ofsted_rating_date = DayMonthYearField(
        label="Date of the inspection", required=False, help_text="For example, 27 3 2026"
    )
    opened_on = DayMonthYearField(label="Opened on", required=False)
    closed_on = DayMonthYearField(
        label="Closed on",
        required=False,
        help_text="Only when the home has closed. The home and its history are kept.",
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcodes.is_valid_format(postcode):
            raise ValidationError("Enter a real postcode, like LS1 1AA")
        return postcodes.normalise(postcode)


class _PeopleField(forms.ModelMultipleChoiceField):
    """People ticked from a list; an id no database could hold is not in the list either."""

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) > MAX_ID:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)


class HomePeopleForm(_RecordForm):
    """The home's managers and its Regulation 44 independent visitors."""

    managers = _PeopleField(
        queryset=people_with_role(Role.HOME_MANAGER),
        label="Home managers",
        required=False,
        help_text="They see the home's children, occupancy and matching, and block beds",
        error_messages={"invalid_choice": "Choose home managers from the list"},
    )
    independent_visitors = _PeopleField(
        queryset=people_with_role(Role.INDEPENDENT_VISITOR),
        label="Regulation 44 independent visitors",
        required=False,
        help_text="They visit every month and write the Regulation 44 report",
        error_messages={"invalid_choice": "Choose independent visitors from the list"},
    )

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, record=home, **kwargs)
        self.initial["managers"] = list(home.managers.all())
        self.initial["independent_visitors"] = list(home.independent_visitors.all())

    def layout_fields(self):
        return [
            Field.checkboxes(name, legend_size="s") if name != "version" else Field(name)
            for name in self.fields
        ]


class UnitForm(_RecordForm):
    submit_label = "Add unit"

    name = short_text("Name", 80, help_text="For example, Bed 3 or Trainer flat")
    kind = forms.ChoiceField(
        label="Kind of unit",
        choices=Unit.Kind.choices,
        initial=Unit.Kind.BED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of unit"},
    )
    is_active = forms.BooleanField(
        label="In use",
        required=False,
        initial=True,
        help_text="Untick when the unit is no longer used. It is kept for the history.",
    )
