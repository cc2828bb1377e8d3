"""Writing children's records: one locked, version-checked, audited path for every change."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.access import (
    can_allocate_key_worker,
    has_role,
    people_with_role,
)
from accounts.models import KEY_WORKER_ROLES, Role
from audit.capture import as_by
from core.allocations import record_reallocation
from core.conflicts import check_version
from core.dates import today

from .models import Child, KeyWorkerAllocation

# The details a social worker or administrator may change from the child's record.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "upn",
    "is_mother",
    "child_born_on",
    "is_uasc",
    "uasc_ceased_on",
    "home_postcode",
    "category_of_need",
    "status",
)
# Adding a child also gives their identifier in the council's case management system.
CREATE_FIELDS = ("local_id",) + EDITABLE_FIELDS
ALLOCATIONS = ("social_worker", "key_worker")


@as_by
@transaction.atomic
def create_child(data: dict, *, by) -> Child:
    """Add a child. A social worker who adds a child becomes their allocated social worker;
    an administrator's new child waits to be allocated. The model's rules raise
    ValidationError, all of them at once."""
    if not has_role(by, Role.SOCIAL_WORKER, Role.ADMINISTRATOR):
        raise PermissionDenied("Only social workers and administrators can add a child.")
    child = Child(**{field: data[field] for field in CREATE_FIELDS if field in data})
    if has_role(by, Role.SOCIAL_WORKER):
        child.social_worker = by
    child.full_clean(exclude=["key_worker"])
    try:
        with transaction.atomic():
            child.save(force_insert=True)
    except IntegrityError as exc:  # someone added the same identifier a moment ago
        raise ValidationError(
            {"local_id": Child._meta.get_field("local_id").error_messages["unique"]}
        ) from exc
    return child


@as_by
@transaction.atomic
def update_child(child: Child, data: dict, expected_version, by) -> Child:
    """Change a child's details. Refuses (EditConflict) if the record was saved since the
    editor opened it at `expected_version`; the model's own rules raise ValidationError."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    check_version(locked, expected_version)
    changed = [f for f in EDITABLE_FIELDS if f in data and getattr(locked, f) != data[f]]
    for field in changed:
        setattr(locked, field, data[field])
    locked.full_clean(exclude=list(ALLOCATIONS))
    if changed:
        locked.save()
    return locked


def key_worker_choices():
    return people_with_role(*KEY_WORKER_ROLES)


@as_by
@transaction.atomic
def allocate_key_worker(child: Child, key_worker, *, expected_version, by) -> Child:
    """Give the child a key worker (None: nobody), keeping the history of who held it.

    No Wrong Door: the key worker stays with the young person through every move, so a
    placement never changes it; only this does."""
    if not can_allocate_key_worker(by, child):
        raise PermissionDenied("Only an administrator or the child's social worker can do this.")
    locked = Child.objects.select_for_update().get(pk=child.pk)
    check_version(locked, expected_version)
    if key_worker is not None and not key_worker_choices().filter(pk=key_worker.pk).exists():
        raise ValidationError(
            {"key_worker": "Choose a social worker or personal adviser from the list"}
        )
    before = locked.key_worker
    if before == key_worker:
        return locked
    locked.key_worker = key_worker
    locked.save()
    record_reallocation(
        KeyWorkerAllocation, locked, before=before, after=key_worker, day=today(), by=by
    )
    return locked
