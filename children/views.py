from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import (
    CHILD_CREATORS,
    LEAVING_CARE_STARTERS,
    STAFF_WITH_CHILD_RECORDS,
    can_allocate_key_worker,
    children_visible_to,
    has_role,
    role_required,
)
from accounts.models import Role
from audit import exports
from audit import services as audit
from audit.models import AuditEvent
from audit.selectors import HISTORY_READERS
from core.conflicts import EditConflict, conflict_rows
from core.form_rescue import form_data
from core.forms import add_rule_errors, submit
from core.lists import filtered, first_rows, history_limit, page_of

from . import selectors, services, social_workers
from .filters import CHILDREN, ChildSearchFilter
from .forms import AllocationForm, ChildDetailsForm, ChildSearchForm, KeyWorkerForm

EDITORS = (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)
# Who allocates social workers: heads of service (administrators). Homeward has no team
# manager role yet; when it has, they join here.
ALLOCATORS = (Role.ADMINISTRATOR,)


@role_required(*STAFF_WITH_CHILD_RECORDS)
def detail(request, pk):
    child = selectors.child_record(request.user, pk)
    if child is None:
        raise Http404("No such child")
    audit.record(AuditEvent.Action.VIEW, child, user=request.user)
    limit = history_limit(request)
    legal_statuses, legal_status_total = first_rows(child.legal_statuses.live(), limit)
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "history_limit": limit,
            "legal_statuses": legal_statuses,
            "legal_status_total": legal_status_total,
            "care_leaver": getattr(child, "care_leaver", None),
            "can_edit": has_role(request.user, *EDITORS),
            "can_allocate": has_role(request.user, *ALLOCATORS),
            "can_allocate_key_worker": can_allocate_key_worker(request.user, child),
            # The record is open to this person, so their role decides (accounts.access).
            "can_start_leaving_care": has_role(request.user, *LEAVING_CARE_STARTERS),
            "can_see_history": has_role(request.user, *HISTORY_READERS),
        },
    )


@role_required(*CHILD_CREATORS)
def new(request):
    form = ChildDetailsForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.CREATE_FIELDS}
        try:
            child = services.create_child(data, by=request.user)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, f"{child.full_name} was added.")
            return redirect("children:detail", pk=child.pk)
    return render(request, "children/edit.html", {"form": form, "adding": True})


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


@role_required(*EDITORS)
def key_worker(request, pk):
    child = get_object_or_404(children_visible_to(request.user).select_related("key_worker"), pk=pk)
    if not can_allocate_key_worker(request.user, child):
        raise PermissionDenied
    form = KeyWorkerForm(form_data(request), child=child, choices=services.key_worker_choices())

    def save(version, key_worker):
        services.allocate_key_worker(child, key_worker, expected_version=version, by=request.user)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{child.full_name}’s key worker was saved.")
        return redirect("children:detail", pk=child.pk)
    return render(request, "children/key_worker.html", {"child": child, "form": form})


@role_required(*STAFF_WITH_CHILD_RECORDS)
def search(request, fmt=None):
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    listing = filtered(request, ChildSearchFilter, selectors.search_children(request.user, query))
    if fmt:
        if not query:
            return redirect("children:search")
        chosen = {"Search": query, **listing.chosen}
        return exports.download(request, fmt, CHILDREN, listing.qs, chosen=chosen)
    page = page_of(request, listing.qs, selectors.SEARCH_PAGE_SIZE) if query else None
    return render(
        request,
        "children/search.html",
        {
            "form": form,
            "query": query,
            "listing": listing,
            "page": page,
            "can_add": has_role(request.user, *CHILD_CREATORS),
        },
    )


@role_required(*ALLOCATORS)
def allocate(request, pk):
    """Change the child's social worker; the history the DfE return reads is kept with it."""
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    form = AllocationForm(
        form_data(request),
        initial={"version": child.version, "social_worker": child.social_worker_id},
    )

    def save(**data):
        return social_workers.allocate(child, by=request.user, **data)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{child.full_name}’s social worker allocation was saved.")
        return redirect("children:detail", pk=child.pk)
    return render(
        request,
        "children/child_form.html",
        {"form": form, "child": child, "title": "Allocate a social worker"},
    )
