"""Forms for care leavers. Thin: the rules live in careleavers.services."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from accounts.models import Role, User
from carers.forms import DayMonthYearField, gds_helper
from core.forms import VersionedForm

from .models import Accommodation, Activity, Eligibility, InterdependenceStage
from .selectors import EET, NEET, UNKNOWN
from .services import EDITABLE_FIELDS

YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known")]
_AS_BOOL = {"yes": True, "no": False}


def personal_advisers():
    return User.objects.filter(role=Role.PERSONAL_ADVISER, is_active=True).order_by(
        "last_name", "first_name"
    )


class CareLeaverFilterForm(forms.Form):
    adviser = forms.ModelChoiceField(
        label="Personal adviser", queryset=None, empty_label="Any adviser", required=False
    )
    review = forms.ChoiceField(
        label="Pathway plan review",
        choices=[("", "Any"), ("overdue", "Overdue"), ("due_soon", "Due in the next 4 weeks")],
        required=False,
    )
    eet = forms.ChoiceField(
        label="Education, employment or training",
        choices=[("", "Any"), (EET, "In EET"), (NEET, "Not in EET"), (UNKNOWN, "Not known")],
        required=False,
    )
    accommodation = forms.ChoiceField(
        label="Accommodation", choices=[("", "Any")] + Accommodation.choices, required=False
    )
    support = forms.ChoiceField(
        label="Support",
        choices=[("", "Any"), ("staying_put", "Staying Put"), ("staying_close", "Staying Close")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = personal_advisers()


class CareLeaverForm(VersionedForm):
    personal_adviser = forms.ModelChoiceField(
        label="Personal adviser",
        queryset=None,
        required=False,
        empty_label="None allocated",
        error_messages={"invalid_choice": "Choose a personal adviser from the list."},
    )
    eligibility = forms.ChoiceField(
        label="Eligibility", choices=Eligibility.choices, widget=forms.RadioSelect
    )
    pathway_plan_date = DayMonthYearField(
        label="Pathway plan or last review", required=False, help_text="For example, 27 3 2025"
    )
    pathway_plan_review_due = DayMonthYearField(
        label="Next review due", required=False, help_text="No more than six months after the plan"
    )
    activity = forms.ChoiceField(
        label="Education, employment or training", choices=Activity.choices
    )
    in_touch = forms.TypedChoiceField(
        label="In touch",
        choices=YES_NO_UNKNOWN[:2],
        coerce=_AS_BOOL.get,
        widget=forms.RadioSelect,
    )
    accommodation = forms.ChoiceField(label="Accommodation", choices=Accommodation.choices)
    accommodation_suitable = forms.TypedChoiceField(
        label="Is the accommodation suitable?",
        choices=YES_NO_UNKNOWN,
        coerce=_AS_BOOL.get,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    staying_put = forms.BooleanField(
        label="Staying Put with former foster carers (18 to 20)", required=False
    )
    staying_close = forms.BooleanField(label="Staying Close support (under 25)", required=False)
    interdependence_stage = forms.ChoiceField(
        label="Interdependence stage",
        choices=[("", "Not in the interdependence home")] + InterdependenceStage.choices,
        required=False,
        help_text="For young people in a home with a trainer flat and linked houses",
    )

    def __init__(self, *args, leaver, **kwargs):
        initial = {name: getattr(leaver, name) for name in EDITABLE_FIELDS + ("version",)}
        for name in ("in_touch", "accommodation_suitable"):
            initial[name] = {True: "yes", False: "no"}.get(initial[name], "")
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["personal_adviser"].queryset = personal_advisers()
        if not getattr(leaver, "lived_in_linked_units", True):
            self.fields["interdependence_stage"].help_text = (
                f"{leaver.child.first_name} has no placement in a home with a trainer flat and "
                "linked houses, so leave this blank"
            )
        self.helper = gds_helper(
            Field.select("personal_adviser"),
            Field.radios("eligibility", legend_size=Size.SMALL),
            Fieldset(
                Field("pathway_plan_date"),
                Field("pathway_plan_review_due"),
                legend="Pathway plan",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("activity"),
                Field.radios("in_touch", legend_size=Size.SMALL, inline=True),
                Field.select("accommodation"),
                Field.radios("accommodation_suitable", legend_size=Size.SMALL, inline=True),
                legend="Education, work and where they live",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("staying_put"),
                Field.checkbox("staying_close"),
                Field.select("interdependence_stage"),
                legend="Support",
                legend_size=Size.MEDIUM,
            ),
            Field("version"),
            submit="Save changes",
        )
