from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import STAFF_WITH_CHILD_RECORDS, children_visible_to, has_role, role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from audit.selectors import HISTORY_READERS
from core.conflicts import EditConflict, conflict_rows
from core.dates import today
from core.form_rescue import form_data

from . import selectors, services
from .forms import ChildDetailsForm, ChildSearchForm

EDITORS = (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)


@role_required(*STAFF_WITH_CHILD_RECORDS)
def detail(request, pk):
    child = selectors.child_record(request.user, pk)
    if child is None:
        raise Http404("No such child")
    audit.record(AuditEvent.Action.VIEW, child, user=request.user)
    on = today()
    placements = list(child.placements.all())
    for placement in placements:
        placement.progress = selectors.stay_progress(placement, on) if placement.is_open else None
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "placements": placements,
            "care_leaver": getattr(child, "care_leaver", None),
            "can_edit": has_role(request.user, *EDITORS),
            "can_see_history": has_role(request.user, *HISTORY_READERS),
        },
    )


@role_required(*EDITORS)
def edit(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    name = child.full_name  # validating the form writes the typed answers onto `child`
    form = ChildDetailsForm(form_data(request), instance=child)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS}
        try:
            services.update_child(child, data, form.cleaned_data["version"], by=request.user)
        except EditConflict as exc:
            conflict = conflict_rows(form, exc.saved)
            name = exc.saved.full_name
            # Offer the form again on the record as saved now, with what this person typed.
            retry = request.POST.copy()
            retry["version"] = exc.saved.version
            form = ChildDetailsForm(retry, instance=exc.saved)
            form.is_valid()
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{child.full_name}’s details were saved.")
            return redirect("children:detail", pk=child.pk)
    return render(
        request,
        "children/edit.html",
        {"child": child, "name": name, "form": form, "conflict": conflict},
    )


@role_required(*STAFF_WITH_CHILD_RECORDS)
def search(request):
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = None
    if query:
        results = selectors.search_children(request.user, query)
        page = Paginator(results, selectors.SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "children/search.html", {"form": form, "query": query, "page": page})
