"""Form pieces shared by several apps."""

from django import forms


class VersionedForm(forms.Form):
    """An edit form carrying, hidden, the version of the record it was opened at (core.conflicts)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        # A hidden field's error would show nowhere: say it at the top of the form instead.
        if self._errors and self._errors.pop("version", None):
            self.add_error(None, "This form is out of date or incomplete. Open the record again.")
        return super().clean()
