from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from accounts.access import children_visible_to, role_required
from accounts.models import Role

from . import selectors
from .forms import AuditSearchForm


@role_required(Role.ADMINISTRATOR)
def search(request):
    form = AuditSearchForm(request.GET or None, object_types=selectors.object_types())
    page = None
    if form.is_valid():
        events = selectors.search_events(**form.cleaned_data)
        page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    elif not form.is_bound:
        page = Paginator(selectors.search_events(), selectors.PAGE_SIZE).get_page(1)
    return render(request, "audit/search.html", {"form": form, "page": page})


@role_required(*selectors.HISTORY_READERS)
def child_history(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    events = selectors.child_history(child)
    page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/child_history.html", {"child": child, "page": page})
