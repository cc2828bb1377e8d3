"""Reading the audit trail."""

import datetime

from django.db.models import Q

from accounts.models import Role
from core.lists import filter_given
from core.text_search import every_word

from .models import AuditEvent

PAGE_SIZE = 50
# Who may read a child's record history: administrators, and a social worker for their own
# caseload (they answer for who has looked at, and changed, their children's records).
HISTORY_READERS = (Role.ADMINISTRATOR, Role.SOCIAL_WORKER)


def search_events(
    *,
    who: str = "",
    object_type: str = "",
    label: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
):
    """Audit events matching every filter given, newest first."""
    events = AuditEvent.objects.select_related("user")
    people = every_word(who, "user__first_name", "user__last_name", "user__username")
    return filter_given(
        events if people is None else events.filter(people),
        object_type=object_type,
        object_label__icontains=label,
        action=action,
        at__date__gte=date_from,
        at__date__lte=date_to,
    )


def object_types():
    """The kinds of record the trail holds, for the filter."""
    return (
        AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def child_history(child):
    """Events on the child's record and on the records about them (placements, extensions),
    whose labels carry the child's local identifier in brackets."""
    return AuditEvent.objects.select_related("user").filter(
        Q(object_type=child._meta.label_lower, object_id=str(child.pk))
        | Q(object_label__contains=f"({child.local_id})")
    )
