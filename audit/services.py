"""Writing the audit trail by hand: a view of a child's record and a download. Creates,
changes and deletes are written by audit.capture, whatever the path."""

from .capture import event
from .models import AuditEvent


def record(action, obj, *, user=None, changes=None):
    row = event(action, obj, changes or {}, user=user)
    row.save()
    return row


def record_export(request, model, *, what: str):
    """A download of a list of `model` records; `what` says which rows, how many and how."""
    return AuditEvent.objects.create(
        user=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type=model._meta.label_lower,
        object_id="",
        object_label=what[:200],
        ip_address=request.META.get("REMOTE_ADDR"),
        path=request.get_full_path()[:300],
    )
