import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from accounts.choosers import person_field
from core import codes, postcodes, upn
from core.dates import today
from core.forms import LONG_AGO, DayMonthYearField, GovForm, GovMessages, VersionedForm

from .models import Child
from .services import CREATE_FIELDS

LOCAL_ID = re.compile(r"^[A-Z0-9]+$")
OLDEST_RECORD_YEARS = 30  # records run to a care leaver's 25th birthday, with room to spare


class ChildDetailsForm(GovMessages, forms.ModelForm):
    """A child's details: adding a child (with their local identifier), or changing them.

    Changing carries, hidden, the record version the editor started from (core.conflicts)."""

    # From long ago, so that a typing slip is told the age limit below, not the field's range.
    date_of_birth = DayMonthYearField(
        label="Date of birth", earliest=LONG_AGO, help_text="For example, 27 3 2012"
    )
    child_born_on = DayMonthYearField(
        label="Her child's date of birth", required=False, help_text="The youngest, if several"
    )
    uasc_ceased_on = DayMonthYearField(
        label="Date UASC status ended",
        required=False,
        help_text="For example when leave to remain was granted, or the 18th birthday",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Child
        fields = CREATE_FIELDS
        error_messages = {
            "local_id": {"required": "Enter the local identifier"},
            "first_name": {"required": "Enter the first name"},
            "last_name": {"required": "Enter the last name"},
            "sex": {"required": "Choose the child’s sex"},
            "status": {"required": "Choose the child’s status"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        if adding:
            del self.fields["version"]
            self.fields["local_id"].help_text = (
                "The child’s identifier in the council’s case management system, for example "
                "LC000123"
            )
        else:
            del self.fields["local_id"]
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        self.fields["date_of_birth"].error_messages["required"] = "Enter the date of birth"
        self.fields[
            "upn"
        ].help_text = "13 characters, for example A123456789012. UN1 to UN5 if the child has none"
        self.helper = FormHelper()
        self.helper.form_tag = False  # children/edit.html has the <form>
        self.helper.layout = Layout(
            *([Field.text("local_id", field_width=10)] if adding else []),
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field("date_of_birth", context={"legend_size": Size.SMALL}),
            Field.select("sex"),
            Field.select("ethnicity"),
            Field.text("upn", field_width=20),
            Fieldset(
                Field.checkbox("is_mother"),
                Field("child_born_on", context={"legend_size": Size.SMALL}),
                legend="Motherhood",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field.checkbox("is_uasc"),
                Field("uasc_ceased_on", context={"legend_size": Size.SMALL}),
                legend="Unaccompanied asylum-seeking child (UASC)",
                legend_size=Size.SMALL,
            ),
            Field.text("home_postcode", field_width=10),
            Field.select("category_of_need"),
            Field.select("status"),
            *([] if adding else [Field("version")]),
            Button("submit", "Add child" if adding else "Save changes"),
        )

    def clean_local_id(self):
        local_id = self.cleaned_data["local_id"].strip().upper()
        if not LOCAL_ID.match(local_id):
            raise ValidationError("Enter the local identifier in letters and numbers only")
        return local_id

    def clean(self):
        if "version" in self.errors:  # a hidden field's error would not be seen
            self.add_error(None, "This form has lost track of the record; open the record again.")
        return super().clean()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > today():
            raise ValidationError("Date of birth must be today or in the past.")
        if born and born.year < today().year - OLDEST_RECORD_YEARS:
            raise ValidationError(
                f"Date of birth must be within the last {OLDEST_RECORD_YEARS} years."
            )
        return born

    def clean_upn(self):
        number = self.cleaned_data["upn"].strip().upper()
        if number and (problem := upn.problem(number)):
            raise ValidationError(problem)
        return number

    def clean_home_postcode(self):
        postcode = self.cleaned_data["home_postcode"].strip()
        if postcode and not postcodes.is_valid_format(postcode):
            raise ValidationError("Enter a real postcode, like LS1 1AA")
        return postcodes.normalise(postcode) if postcode else ""


class ChildSearchForm(GovMessages, forms.Form):
    q = forms.CharField(
        label="Name, local identifier or unique pupil number", max_length=100, required=False
    )


class AllocationForm(VersionedForm, GovForm):
    """Allocate a social worker (or nobody) from a date, and say why it changed."""

    submit_label = "Save allocation"

    social_worker = person_field(
        "social_worker",
        help_text="Search by name. Choose none to leave the child without one",
        error_messages={"invalid_choice": "Choose a social worker from the list"},
    )
    on = DayMonthYearField(label="Allocated from", help_text="For example, 27 3 2026")
    reason = forms.ChoiceField(
        label="Why the social worker changed",
        choices=[("", "Choose a reason")] + codes.SocialWorkerChangeReason.choices,
        error_messages={
            "required": "Choose why the social worker changed",
            "invalid_choice": "Choose a reason from the list",
        },
    )


class KeyWorkerForm(VersionedForm, GovForm):
    submit_label = "Save key worker"

    key_worker = person_field(
        "key_worker",
        help_text="The one worker who stays with the young person through every move. "
        "Search by name",
        error_messages={"invalid_choice": "Choose a key worker from the list"},
    )

    def __init__(self, *args, child, choices, **kwargs):
        initial = {"key_worker": child.key_worker_id, "version": child.version}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["key_worker"].queryset = choices
