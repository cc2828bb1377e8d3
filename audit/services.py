"""Writing the audit trail. Every view of a child's record and every change goes through here."""

from django.forms.models import model_to_dict

from .middleware import current_request
from .models import AuditEvent


def _client_ip(request):
    return request.META.get("REMOTE_ADDR") if request else None


def record(action, obj, *, user=None, changes=None):
    request = current_request()
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200],
        changes=changes or {},
        ip_address=_client_ip(request),
        path=request.path[:300] if request else "",
    )


def snapshot(obj) -> dict:
    """The model's field values, as plain strings, for comparing before and after."""
    return {k: None if v is None else str(v) for k, v in model_to_dict(obj).items()}


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
