import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from core import postcodes
from core.dates import today

from .models import Child
from .services import EDITABLE_FIELDS

UPN = re.compile(r"^([A-Z][0-9]{11}[0-9A-Z]|UN[1-5])$")
OLDEST_RECORD_YEARS = 30  # records run to a care leaver's 25th birthday, with room to spare


class RealDateField(DateInputField):
    """GOV.UK day/month/year date that says plainly when the date does not exist."""

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as exc:
            raise ValidationError(
                "Enter a real date, for example 27 3 2012", code="invalid"
            ) from exc


class ChildDetailsForm(forms.ModelForm):
    """A child's details, carrying (hidden) the record version the editor started from."""

    date_of_birth = RealDateField(label="Date of birth", help_text="For example, 27 3 2012")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Child
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version
        self.fields["upn"].help_text = "13 characters, for example A123456789012"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field("date_of_birth", context={"legend_size": Size.SMALL}),
            Field.select("sex"),
            Field.select("ethnicity"),
            Field.text("upn", field_width=20),
            Field.text("home_postcode", field_width=10),
            Field.select("category_of_need"),
            Field.select("status"),
            Field("version"),
            Button("submit", "Save changes"),
        )

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
        upn = self.cleaned_data["upn"].strip().upper()
        if upn and not UPN.match(upn):
            raise ValidationError(
                "Enter a unique pupil number of a letter and 12 characters, like A123456789012, "
                "or UN1 to UN5 if there is none."
            )
        return upn

    def clean_home_postcode(self):
        postcode = self.cleaned_data["home_postcode"].strip()
        if postcode and not postcodes.is_valid_format(postcode):
            raise ValidationError("Enter a real postcode, like LS1 1AA.")
        return postcodes.normalise(postcode) if postcode else ""


class ChildSearchForm(forms.Form):
    q = forms.CharField(
        label="Name, local identifier or unique pupil number", max_length=100, required=False
    )
