"""Forms for the Regulation 44 and 45 pages. They only parse input; the rules are in services."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from core.forms import DayMonthYearField, GovMessages

from .models import (
    Incident,
    Opinion,
    PersonSpokenTo,
    QualityStandard,
    RecordKind,
    Reg40Notification,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _helper(*fields) -> FormHelper:
    """A GOV.UK layout without its own <form> tag: templates write the form and its button."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


def _date(name):
    return Field(name, context={"legend_size": Size.SMALL})


def _yes_no(label, **kwargs):
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda v: v == "yes", widget=forms.RadioSelect, **kwargs
    )


def _opinion(label):
    """One of the report's two opinions: optional in a draft, required at submission (services)."""
    return forms.ChoiceField(
        label=label,
        choices=Opinion.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed before you submit",
    )


def _reasons(label):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), required=False)


class VisitStartForm(GovMessages, forms.Form):
    visit_date = DayMonthYearField(label="Date of the visit", help_text="For example, 27 3 2026")
    announced = _yes_no("Was the visit announced?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_date("visit_date"), Field.radios("announced", inline=True))


class VisitReportForm(GovMessages, forms.Form):
    """The body of the report: the visit, records examined, findings and the two opinions."""

    visit_date = DayMonthYearField(label="Date of the visit")
    announced = _yes_no("Was the visit announced?")
    records_examined = forms.MultipleChoiceField(
        label="Records examined",
        choices=RecordKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    records_notes = forms.CharField(
        label="Notes on the records", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    children_safeguarded = _opinion("In your opinion, are children effectively safeguarded?")
    safeguarding_opinion = _reasons("Why you think children are, or are not, safeguarded")
    promotes_wellbeing = _opinion(
        "In your opinion, does the conduct of the home promote children's well-being?"
    )
    wellbeing_opinion = _reasons("Why you think the home does, or does not, promote well-being")
    conflict_of_interest = forms.CharField(
        label="Conflict of interest found after the visit (regulation 44(6))",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in QualityStandard.choices:
            self.fields[f"finding_{code}"] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text="Leave blank if this standard was not looked at",
            )
        self.helper = _helper(
            _date("visit_date"),
            Field.radios("announced", inline=True),
            Field.checkboxes("records_examined", small=True),
            Field.textarea("records_notes"),
            Fieldset(
                *[Field.textarea(f"finding_{code}") for code in QualityStandard.values],
                legend="Findings against the Quality Standards",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("children_safeguarded", inline=True),
                Field.textarea("safeguarding_opinion"),
                Field.radios("promotes_wellbeing", inline=True),
                Field.textarea("wellbeing_opinion"),
                Field.textarea("conflict_of_interest"),
                legend="Your opinion",
                legend_size=Size.MEDIUM,
            ),
        )

    @classmethod
    def initial_for(cls, visit, findings: dict) -> dict:
        initial = {name: getattr(visit, name) for name in cls.base_fields}
        initial["announced"] = "yes" if visit.announced else "no"
        initial.update({f"finding_{code}": text for code, text in findings.items()})
        return initial

    def report_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.base_fields}

    def findings(self) -> dict:
        return {code: self.cleaned_data[f"finding_{code}"] for code in QualityStandard.values}


class PersonForm(GovMessages, forms.ModelForm):
    class Meta:
        model = PersonSpokenTo
        fields = ["kind", "name", "consent", "in_private", "summary"]
        labels = {
            "kind": "Who did you speak to?",
            "consent": "They agreed to talk to me and to be included in the report",
            "in_private": "We spoke in private",
            "summary": "What they told you",
        }
        widgets = {"kind": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("kind"),
            Field.text("name", field_width=20),
            Field.checkbox("consent"),
            Field.checkbox("in_private"),
            Field.textarea("summary"),
        )


class RecommendationForm(GovMessages, forms.Form):
    text = forms.CharField(label="Recommended action", widget=forms.Textarea(attrs={"rows": 3}))
    standard = forms.ChoiceField(
        label="Quality Standard", choices=[("", "None")] + QualityStandard.choices, required=False
    )
    owner = forms.CharField(
        label="Who should act", max_length=120, help_text="For example, the registered manager"
    )
    due_date = DayMonthYearField(label="Consider by", help_text="For example, 27 4 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("text"),
            Field.select("standard"),
            Field.text("owner", field_width=20),
            _date("due_date"),
        )


class CorrectionForm(GovMessages, forms.Form):
    reason = forms.CharField(
        label="What does the correction change, and why?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason"))


class ResponseForm(GovMessages, forms.Form):
    response = forms.CharField(label="Your response", widget=forms.Textarea(attrs={"rows": 4}))
    done = forms.BooleanField(label="The action is done", required=False)
    evidence = forms.CharField(
        label="Evidence that it is done",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed when the action is done, for example the new policy and its date",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("response"), Field.checkbox("done"), Field.textarea("evidence")
        )


class Reg40Form(GovMessages, forms.ModelForm):
    occurred_on = DayMonthYearField(label="Date of the event")
    ofsted_notified_on = DayMonthYearField(label="Date Ofsted was told", required=False)
    placing_authority_notified_on = DayMonthYearField(
        label="Date the placing authority was told", required=False
    )

    class Meta:
        model = Reg40Notification
        fields = [
            "event",
            "occurred_on",
            "child_initials",
            "summary",
            "ofsted_notified_on",
            "placing_authority_notified_on",
            "others_notified",
        ]
        widgets = {"event": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"child_initials": "Initials only"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("event"),
            _date("occurred_on"),
            Field.text("child_initials", field_width=5),
            Field.textarea("summary"),
            _date("ofsted_notified_on"),
            _date("placing_authority_notified_on"),
            Field.textarea("others_notified"),
        )


class IncidentForm(GovMessages, forms.ModelForm):
    occurred_on = DayMonthYearField(label="Date of the incident")

    class Meta:
        model = Incident
        fields = ["kind", "occurred_on", "child_initials", "summary"]
        widgets = {"kind": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"child_initials": "Initials only"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("kind"),
            _date("occurred_on"),
            Field.text("child_initials", field_width=5),
            Field.textarea("summary"),
        )


class ReviewStartForm(GovMessages, forms.Form):
    period_start = DayMonthYearField(label="First day of the period")
    period_end = DayMonthYearField(label="Last day of the period")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_date("period_start"), _date("period_end"))


class ReviewForm(GovMessages, forms.Form):
    children_views = forms.CharField(
        label="What children, parents, placing authorities and staff said",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    manager_assessment = forms.CharField(
        label="Your assessment of the quality of care",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    improvement_plan = forms.CharField(
        label="Improvement plan", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(*[Field.textarea(name) for name in self.base_fields])
