from django import forms

from core.forms import GovMessages


class CodeForm(GovMessages, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
        error_messages={"required": "Enter the code from your authenticator app"},
    )
