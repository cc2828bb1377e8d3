"""Writing children's records: one locked, version-checked, audited path for every change."""

from django.db import transaction

from audit import services as audit
from audit.models import AuditEvent
from core.conflicts import check_version

from .models import Child

# The details a social worker or administrator may change from the child's record.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "upn",
    "home_postcode",
    "category_of_need",
    "status",
)


@transaction.atomic
def update_child(child: Child, data: dict, expected_version, by) -> Child:
    """Change a child's details. Refuses (EditConflict) if the record was saved since the
    editor opened it at `expected_version`; the model's own rules raise ValidationError."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    check_version(locked, expected_version)
    before = audit.snapshot(locked)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    locked.full_clean(exclude=["social_worker", "key_worker"])
    changes = audit.diff(before, audit.snapshot(locked))
    if changes:
        locked.save()
        audit.record(AuditEvent.Action.UPDATE, locked, user=by, changes=changes)
    return locked
