from django import forms

from core.forms import GovMessages

from .models import AuditEvent

DATE_HINT = "For example, 27/3/2026"


class AuditSearchForm(GovMessages, forms.Form):
    """Filters for the audit trail. Every filter is optional; an invalid one is explained."""

    # Typed, not chosen from a list: a council has thousands of user accounts.
    who = forms.CharField(
        required=False,
        max_length=100,
        label="Who",
        help_text="Part of their name or username",
    )
    object_type = forms.ChoiceField(required=False, label="Kind of record")
    label = forms.CharField(
        required=False,
        max_length=100,
        label="Record",
        help_text="Part of its name, for example a child’s name or local identifier",
    )
    action = forms.ChoiceField(
        choices=[("", "Any")] + AuditEvent.Action.choices, required=False, label="What they did"
    )
    date_from = forms.DateField(required=False, label="From", help_text=DATE_HINT)
    date_to = forms.DateField(required=False, label="To", help_text=DATE_HINT)

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "Any")] + [(t, t) for t in object_types]
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 27/3/2026."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date.")
        return cleaned
