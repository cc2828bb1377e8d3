from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.access import children_visible_to, role_required
from accounts.models import Role
from core.exports import Column, Export

from . import exports, selectors
from .forms import AuditSearchForm
from .models import AuditEvent

EVENTS = Export(
    title="Audit trail",
    model=AuditEvent,
    columns=(
        Column("When", "at"),
        Column("Who", lambda event: str(event.user) if event.user else "System"),
        Column("What", "get_action_display"),
        Column("Record", lambda event: event.object_label or event.object_id),
        Column("Kind of record", "object_type"),
        Column(
            "Changes",
            lambda event: "; ".join(
                f"{field}: {before or 'blank'} → {after or 'blank'}"
                for field, (before, after) in (event.changes or {}).items()
            ),
        ),
        Column("From", "ip_address"),
    ),
)


@require_safe  # the trail is read here, never written (audit.models: append-only)
@role_required(Role.ADMINISTRATOR)
def search(request, fmt=None):
    """The trail, filtered; `fmt` downloads every event the filters find (none when a filter
    is wrong, as the page shows none)."""
    form = AuditSearchForm(request.GET or None, object_types=selectors.object_types())
    events = None
    if form.is_valid():
        events = selectors.search_events(**form.cleaned_data)
    elif not form.is_bound:
        events = selectors.search_events()
    if fmt:
        answers = getattr(form, "cleaned_data", {}).items()
        chosen = {str(form.fields[n].label): v for n, v in answers if v not in (None, "")}
        # The trail up to now: the download's own entry, written first, is not in its file.
        rows = [] if events is None else events.filter(at__lte=timezone.now())
        return exports.download(request, fmt, EVENTS, rows, chosen=chosen)
    page = None
    if events is not None:
        page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/search.html", {"form": form, "page": page})


@require_safe
@role_required(*selectors.HISTORY_READERS)
def child_history(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    events = selectors.child_history(child)
    page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/child_history.html", {"child": child, "page": page})
