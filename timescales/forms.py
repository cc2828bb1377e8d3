"""Forms for recording what the alerts ask for. They only parse input; the rules are in services."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from children.forms import RealDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label, required_message, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


class _RecordForm(forms.Form):
    """A GOV.UK layout of the form's fields in order, without its own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*(self._layout(name, f) for name, f in self.fields.items()))

    @staticmethod
    def _layout(name, field):
        if isinstance(field, RealDateField):
            return Field(name, context={"legend_size": Size.SMALL})
        if isinstance(field.widget, forms.RadioSelect):
            return Field.radios(name, inline=True, legend_size=Size.SMALL)
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name)
        return Field.text(name)


class ReviewForm(_RecordForm):
    held_on = RealDateField(label="Date the review was held", help_text="For example, 27 3 2026")
    chaired_by = forms.CharField(
        label="Independent reviewing officer (optional)", max_length=120, required=False
    )


class VisitForm(_RecordForm):
    visited_on = RealDateField(label="Date of the visit", help_text="For example, 27 3 2026")
    seen_alone = _yes_no("Was the child seen alone?", "Select yes if the child was seen alone")
    note = forms.CharField(
        label="Note (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class PlanForm(_RecordForm):
    completed_on = RealDateField(
        label="Date the placement plan was completed", help_text="For example, 27 3 2026"
    )
    lasts_until_18 = _yes_no(
        "Is the placement meant to last until the child is 18?",
        "Select yes if the placement is meant to last until the child is 18",
        help_text="After its first year, visits may then be 3 months apart.",
    )
