"""Every create, change and delete of a Homeward record leaves a row in the audit trail.

One mechanism (docs/architecture.md, "The audit trail"): Django's model signals write the row
for each save and delete, and `update` below does the same for a queryset update, which sends
no signal. Who did it is the signed-in person of the request (audit.middleware), or the person
a service or job names with `acting_as`; with neither, the trail says "System".
"""

import datetime
import functools
import inspect
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import formats

from .middleware import current_request
from .models import AuditEvent

HOMEWARD_APPS = (
    "accounts",
    "homes",
    "children",
    "carers",
    "placements",
    "careleavers",
    "timescales",
    "notifications",
    "inspections",
    "ssda903",
    "reporting",
    "governance",
)
# Not audited, and why: each is the trail itself, a job's bookkeeping, or worked out again
# from audited records (its readers are audited where they open a child's record).
NOT_AUDITED = {
    "audit.auditevent": "the trail itself, written once and never changed",
    "reporting.figuressnapshot": "a cache of figures worked out from audited records",
    "reporting.dataversion": "a counter that says when the figures' cache is out of date",
    "timescales.jobrun": "the daily job's own bookkeeping",
    "ssda903.validationrun": "the DfE rules' findings, worked out again every day",
    "ssda903.returnerror": "the DfE rules' findings, worked out again every day",
    "notifications.notification": "a message about an audited alert or event",
    "notifications.digestsent": "a note that a day's digest email went",
}
# Bookkeeping columns that every save moves; the trail says what a person changed.
IGNORED_FIELDS = {"created_at", "updated_at", "version", "last_login"}
# Recorded as changed, never with their value.
SECRET_FIELDS = {"password"}

_actor = ContextVar("homeward_actor", default=None)


@contextmanager
def acting_as(user):
    """Changes made inside are recorded as made by `user` (None: by whoever the request's
    user is, else the system)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def as_by(service):
    """Decorates a service: what it writes is recorded as done by its `by` argument (given by
    name or position). Without one, whoever is acting already (an outer service's person, else
    the request's user) still is."""
    signature = inspect.signature(service)

    @functools.wraps(service)
    def run(*args, **kwargs):
        by = signature.bind_partial(*args, **kwargs).arguments.get("by")
        if by is None:
            return service(*args, **kwargs)
        with acting_as(by):
            return service(*args, **kwargs)

    return run


def is_audited(model) -> bool:
    label = model._meta.label_lower
    return model._meta.app_label in HOMEWARD_APPS and label not in NOT_AUDITED


def audited_models():
    return [model for model in apps.get_models() if is_audited(model)]


def in_words(obj, field) -> str | None:
    """A field's value as a person reads it: a name, not an id; a label, not a code."""
    if field.is_relation:
        if getattr(obj, field.attname) is None:
            return None
        return str(getattr(obj, field.name))
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return None
    if field.name in SECRET_FIELDS:
        return "(not shown)"
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def _fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key or f.generated) and f.name not in IGNORED_FIELDS
    ]


def _related(model) -> list[str]:
    """The foreign keys to read with the rows, so their names cost no query a row."""
    return [f.name for f in _fields(model) if f.many_to_one]


def changes(before, after) -> dict:
    """{field: [before, after]} in words, for the fields that differ (`before` None: new)."""
    out = {}
    for field in _fields(type(after)):
        old = None if before is None else getattr(before, field.attname)
        if before is not None and old == getattr(after, field.attname):
            continue
        new = in_words(after, field)
        if before is None and new is None:
            continue
        out[field.name] = [None if before is None else in_words(before, field), new]
    return out


def event(action, obj, changes, *, user=None) -> AuditEvent:
    """An unsaved row: `user`, else the person acting (acting_as), else the request's user."""
    request = current_request()
    user = user or _actor.get()
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200],
        changes=changes,
        ip_address=request.META.get("REMOTE_ADDR") if request else None,
        path=request.path[:300] if request else "",
    )


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender) or instance.pk is None or instance._state.adding:
        instance._audit_before = None
        return
    instance._audit_before = sender._base_manager.filter(pk=instance.pk).first()


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    diff = changes(before, instance)
    if created or before is None:
        event(AuditEvent.Action.CREATE, instance, diff).save()
    elif diff:
        event(AuditEvent.Action.UPDATE, instance, diff).save()
    instance._audit_before = None


def _after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        gone = {name: [was, None] for name, (_, was) in changes(None, instance).items()}
        event(AuditEvent.Action.DELETE, instance, gone).save()


def _people_changed(sender, instance, action, reverse, model, **kwargs):
    """Who manages or visits a home and the like: the names before and after."""
    if not is_audited(type(instance)):
        return
    owner = model if reverse else type(instance)  # reverse: user.managed_homes.add(home)
    field = next(f for f in owner._meta.many_to_many if f.remote_field.through is sender)
    name = field.remote_field.get_accessor_name() if reverse else field.name
    names = sorted(str(o) for o in getattr(instance, name).all())
    if action.startswith("pre_"):
        instance._audit_people = names
        return
    was = getattr(instance, "_audit_people", [])
    if was != names:
        change = {name: ["; ".join(was) or None, "; ".join(names) or None]}
        event(AuditEvent.Action.UPDATE, instance, change).save()


def update(queryset, **values) -> int:
    """`queryset.update(**values)`, with a row in the trail for each record it changed: three
    statements and one insert however many records."""
    model = queryset.model
    before = {obj.pk: obj for obj in queryset.select_related(*_related(model))}
    count = model._base_manager.filter(pk__in=before).update(**values)
    if is_audited(model):
        after = model._base_manager.select_related(*_related(model)).in_bulk(list(before))
        events = []
        for pk, old in before.items():
            new = after[pk]
            # names the caller read with the rows (placement__child) serve the rows after too
            for field in _fields(model):
                same = getattr(old, field.attname) == getattr(new, field.attname)
                if field.is_relation and same and field.is_cached(old):
                    field.set_cached_value(new, field.get_cached_value(old))
            diff = changes(old, new)
            if diff:
                events.append(event(AuditEvent.Action.UPDATE, old, diff))
        AuditEvent.objects.bulk_create(events, batch_size=2000)
    return count


def created(model, pks) -> None:
    """Rows for records a job inserted in one statement (core.bulk_insert), which sends no
    signal."""
    if not pks or not is_audited(model):
        return
    objs = model._base_manager.select_related(*_related(model)).filter(pk__in=pks)
    AuditEvent.objects.bulk_create(
        (event(AuditEvent.Action.CREATE, obj, changes(None, obj)) for obj in objs),
        batch_size=2000,
    )


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="audit_before_save")
    post_save.connect(_after_save, dispatch_uid="audit_after_save")
    post_delete.connect(_after_delete, dispatch_uid="audit_after_delete")
    m2m_changed.connect(_people_changed, dispatch_uid="audit_people_changed")
