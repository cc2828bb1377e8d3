"""Forms for care leavers. Thin: the rules live in careleavers.services."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils.html import format_html

from accounts.choosers import person_field
from carers.forms import gds_helper
from core import codes
from core.forms import DayMonthYearField, GovForm, SearchingForm, VersionedForm

from .models import Accommodation, Activity, Eligibility, InterdependenceStage
from .services import EDITABLE_FIELDS

YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known")]
_AS_BOOL = {"yes": True, "no": False}


class CareLeaverForm(SearchingForm, VersionedForm):
    personal_adviser = person_field(
        "personal_adviser",
        help_text="Search by name",
        error_messages={"invalid_choice": "Choose a personal adviser from the list."},
    )
    eligibility = forms.ChoiceField(
        label="Eligibility",
        choices=Eligibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the young person’s eligibility"},
    )
    pathway_plan_date = DayMonthYearField(
        label="Pathway plan or last review", required=False, help_text="For example, 27 3 2025"
    )
    pathway_plan_review_due = DayMonthYearField(
        label="Next review due", required=False, help_text="No more than six months after the plan"
    )
    activity = forms.ChoiceField(
        label="Education, employment or training",
        choices=Activity.choices,
        error_messages={"required": "Choose what the young person is doing"},
    )
    in_touch = forms.TypedChoiceField(
        label="In touch",
        choices=YES_NO_UNKNOWN[:2],
        coerce=_AS_BOOL.get,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the young person is in touch"},
    )
    accommodation = forms.ChoiceField(
        label="Accommodation",
        choices=Accommodation.choices,
        error_messages={"required": "Choose where the young person lives"},
    )
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

    def __init__(self, *args, leaver, may_allocate, **kwargs):
        """`leaver` unsaved to start a record; `may_allocate`: choose the personal adviser."""
        adding = leaver.pk is None
        initial = {name: getattr(leaver, name) for name in EDITABLE_FIELDS + ("version",)}
        for name in ("in_touch", "accommodation_suitable"):
            initial[name] = {True: "yes", False: "no"}.get(initial[name], "")
        super().__init__(*args, initial=initial, **kwargs)
        if adding:
            del self.fields["version"]
        if not may_allocate:
            del self.fields["personal_adviser"]
        if not getattr(leaver, "lived_in_linked_units", True):
            # crispy-forms-gds writes hints and labels unescaped: the name is escaped here
            self.fields["interdependence_stage"].help_text = format_html(
                "{} has no placement in a home with a trainer flat and linked houses, so leave "
                "this blank",
                leaver.child.first_name,
            )
        self.helper = gds_helper(
            *([Field.text("personal_adviser", field_width=20)] if may_allocate else []),
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
            *([] if adding else [Field("version")]),
            submit="Start leaving-care support" if adding else "Save changes",
        )


class InTouchForm(GovForm):
    """What was true of the young person on a day (their birthday, for the DfE's OC3)."""

    submit_label = "Save"

    as_at = DayMonthYearField(
        label="As at", help_text="The day this was true, for example their birthday"
    )
    in_touch = forms.ChoiceField(
        label="Is the council in touch with them?",
        choices=codes.InTouch.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the council is in touch"},
    )
    activity = forms.ChoiceField(
        label="Education, employment or training",
        choices=codes.CareLeaverActivity.choices,
        error_messages={"invalid_choice": "Choose an activity from the list"},
    )
    accommodation = forms.ChoiceField(
        label="Where they live, and whether it is suitable",
        choices=codes.CareLeaverAccommodation.choices,
        error_messages={"invalid_choice": "Choose accommodation from the list"},
    )
