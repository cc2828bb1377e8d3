"""Forms for carer households. Thin: the rules live in carers.services."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from accounts.choosers import person_field
from core import postcodes
from core.forms import (
    LONG_AGO,
    DayMonthYearField,
    GovMessages,
    SearchingForm,
    VersionedForm,
    initial_from,
    money,
    short_text,
)

from .models import ApprovalStatus, CarerType, MockingbirdHub, Outreach

# GOV.UK asks for text inputs with a numeric keyboard, not type="number" (and crispy-forms-gds
# leaves the govuk-input class off number inputs).
WHOLE_NUMBER = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
DECIMAL_NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
LEVEL_CHOICES = [("", "Any level")] + [(str(n), f"Level {n}") for n in range(1, 5)]


def gds_helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


class ApprovalForm(VersionedForm):
    approval_status = forms.ChoiceField(
        label="Approval status", choices=ApprovalStatus.choices, widget=forms.RadioSelect
    )
    approved_on = DayMonthYearField(
        label="Date approved",
        earliest=LONG_AGO,
        required=False,
        help_text="Needed when approved. For example, 27 3 2025",
    )
    approval_ends_on = DayMonthYearField(
        label="Temporary approval ends",
        required=False,
        help_text="Only for temporary approval of a connected person",
    )
    last_review_on = DayMonthYearField(
        label="Last annual review", required=False, earliest=LONG_AGO
    )
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
    exempt_from_usual_limit = forms.BooleanField(
        label="Exempt from the usual fostering limit of three children",
        required=False,
        help_text="The council has granted an exemption, or the children are brothers and sisters",
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
            Field.checkbox("exempt_from_usual_limit"),
            Field.text("min_age", field_width=Fixed.TWO),
            Field.text("max_age", field_width=Fixed.TWO),
            Field("version"),
            submit="Save approval",
        )


class OutreachForm(GovMessages, forms.Form):
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


class HouseholdForm(SearchingForm, VersionedForm):
    """A household's details, to add it (`household` None) or change them. The supervising
    social worker is chosen only by administrators (`may_choose_worker`)."""

    name = short_text("Household name", 120, help_text="For example, the Smith household")
    reference = short_text(
        "Reference", 20, help_text="The household’s reference in the fostering service’s records"
    )
    carer_type = forms.ChoiceField(
        label="Type of carer",
        choices=CarerType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of carer"},
    )
    agency_name = short_text("Fostering agency", 120, required=False, help_text="For agency carers")
    weekly_cost = money(
        "Agency fee per child per week",
        help_text="In pounds, for agency carers. For example, 950.00",
    )
    postcode = short_text("Postcode", 8, help_text="For example, LS1 1AA")
    mockingbird_hub = forms.ModelChoiceField(
        label="Mockingbird constellation",
        queryset=MockingbirdHub.objects.order_by("name"),
        required=False,
        empty_label="Not in a constellation",
        error_messages={"invalid_choice": "Choose a constellation from the list"},
    )
    is_hub_carer = forms.BooleanField(label="This household is the hub carer", required=False)
    supervising_social_worker = person_field(
        "supervising_social_worker",
        help_text="Search by name",
        error_messages={"invalid_choice": "Choose a social worker from the list"},
    )

    def __init__(self, *args, household=None, may_choose_worker=False, **kwargs):
        super().__init__(*args, initial=initial_from(household, self.base_fields), **kwargs)
        if household is None:
            del self.fields["version"]
        if not may_choose_worker:
            del self.fields["supervising_social_worker"]
        self.helper = gds_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("reference", field_width=Fixed.TEN),
            Field.radios("carer_type", legend_size=Size.SMALL),
            Field.text("agency_name", field_width=Fluid.TWO_THIRDS),
            Field.text("weekly_cost", field_width=Fixed.TEN),
            Field.text("postcode", field_width=Fixed.TEN),
            Field.select("mockingbird_hub"),
            Field.checkbox("is_hub_carer"),
            *(
                [Field.text("supervising_social_worker", field_width=20)]
                if may_choose_worker
                else []
            ),
            *([Field("version")] if household else []),
            submit="Save household" if household else "Add household",
        )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcodes.is_valid_format(postcode):
            raise ValidationError("Enter a real postcode, like LS1 1AA")
        return postcodes.normalise(postcode)


class CarerForm(VersionedForm):
    """A person in the household, to add them (`carer` None) or change their details."""

    first_name = short_text("First name", 60)
    last_name = short_text("Last name", 60)
    date_of_birth = DayMonthYearField(
        label="Date of birth", earliest=LONG_AGO, help_text="For example, 27 3 1980"
    )
    is_main_carer = forms.BooleanField(label="Main carer", required=False)
    left_on = DayMonthYearField(
        label="Left the household on",
        required=False,
        help_text="Only if they no longer live in the household. Their record is kept.",
    )

    def __init__(self, *args, carer=None, **kwargs):
        super().__init__(*args, initial=initial_from(carer, self.base_fields), **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = "Enter the date of birth"
        if carer is None:
            del self.fields["version"]
            del self.fields["left_on"]
        self.helper = gds_helper(
            Field.text("first_name", field_width=Fixed.TWENTY),
            Field.text("last_name", field_width=Fixed.TWENTY),
            Field("date_of_birth"),
            Field.checkbox("is_main_carer"),
            *([Field("left_on"), Field("version")] if carer else []),
            submit="Save carer" if carer else "Add carer",
        )
