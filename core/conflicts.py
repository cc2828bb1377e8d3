"""Refusing a stale save: two people editing the same record never silently overwrite each other.

Every KeptRecord carries a `version` that each save bumps. An edit form carries, hidden, the
version it was opened at. The service locks the row, then calls `check_version`; if someone
saved in between, it raises `EditConflict` and the view shows both versions side by side.

Using it in another form (the service and the view):

    with transaction.atomic():
        locked = Model.objects.select_for_update().get(pk=obj.pk)
        check_version(locked, expected_version)
        ...change and save `locked`...

    # in the view
    except EditConflict as conflict:
        form.add_error(None, conflict.message)
        rows = conflict_rows(form, conflict.saved)  # render with includes/edit_conflict.html
"""

from django.core.exceptions import ValidationError


class EditConflict(Exception):
    """Someone saved the record after this form was opened. Carries the record as saved now."""

    def __init__(self, saved, expected_version):
        self.saved = saved
        self.expected_version = expected_version
        self.message = (
            f"Someone else saved this record (now version {saved.version}) after you opened it "
            f"(version {expected_version}). Your changes have not been saved. Compare the two "
            "versions below, then make your changes again on the record as it is now."
        )
        super().__init__(self.message)


def check_version(locked_instance, expected_version) -> None:
    """Raise EditConflict unless the locked row is still at the version the form started from."""
    try:
        expected = int(expected_version)
    except (TypeError, ValueError) as exc:
        raise ValidationError("The form is missing its version; open the record again.") from exc
    if locked_instance.version != expected:
        raise EditConflict(locked_instance, expected)


def _shown(form, name, value) -> str:
    """A value as a person reads it: choice labels, dd/mm/yyyy dates, 'Not given' for blanks."""
    if value in (None, ""):
        return "Not given"
    choices = getattr(form.fields[name], "choices", None)
    if isinstance(value, str) and choices:
        return str(dict(choices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def conflict_rows(form, saved) -> list[dict]:
    """Field by field: the label, what this person typed, what is saved now, and whether they differ.

    `form` must have been validated; fields that did not clean show what was typed.
    """
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or not hasattr(saved, name):
            continue
        yours = form.cleaned_data.get(name, form.data.get(name)) if form.is_bound else None
        yours, now = _shown(form, name, yours), _shown(form, name, getattr(saved, name))
        label = field.label or name.replace("_", " ").capitalize()
        rows.append({"label": label, "yours": yours, "saved": now, "differs": yours != now})
    return rows
