"""Care leaver pages for personal advisers, social workers and administrators. Each person sees
only the young people accounts.access lets them see; anyone else gets a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import (
    LEAVING_CARE_STARTERS,
    can_allocate_adviser,
    can_start_leaving_care,
    children_visible_to,
    has_role,
    role_required,
)
from accounts.models import Role
from audit import exports
from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from core.form_rescue import form_data
from core.forms import submit
from core.lists import filtered, page_of

from . import in_touch, selectors, services
from .filters import CARE_LEAVERS, CareLeaverFilter
from .forms import CareLeaverForm, InTouchForm
from .models import CareLeaver

LEAVING_CARE_STAFF = (Role.PERSONAL_ADVISER, Role.SOCIAL_WORKER, Role.ADMINISTRATOR)


def _care_leaver(request, pk):
    leaver = selectors.care_leaver_for(request.user, pk)
    if leaver is None:
        raise Http404("No such young person in your caseload.")
    return leaver


@role_required(*LEAVING_CARE_STAFF)
def care_leaver_list(request, fmt=None):
    listing = filtered(request, CareLeaverFilter, selectors.care_leavers(request.user))
    if fmt:
        return exports.download(request, fmt, CARE_LEAVERS, listing.qs, chosen=listing.chosen)
    page = page_of(request, listing.qs)
    return render(
        request,
        "careleavers/care_leaver_list.html",
        {
            "listing": listing,
            "page": page,
            "today": today(),
            "can_start": has_role(request.user, *LEAVING_CARE_STARTERS),
        },
    )


@role_required(*LEAVING_CARE_STAFF)
def care_leaver_detail(request, pk):
    leaver = _care_leaver(request, pk)
    audit.record(AuditEvent.Action.VIEW, leaver, user=request.user)
    return render(
        request, "careleavers/care_leaver_detail.html", {"leaver": leaver, "today": today()}
    )


@role_required(*LEAVING_CARE_STAFF)
def care_leaver_edit(request, pk):
    leaver = _care_leaver(request, pk)
    may_allocate = can_allocate_adviser(request.user, leaver.child)
    form = CareLeaverForm(request.POST or None, leaver=leaver, may_allocate=may_allocate)

    def save(version, **changes):
        services.update_care_leaver(leaver, by=request.user, expected_version=version, **changes)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{leaver.child.full_name}’s leaving-care details saved.")
        return redirect("careleavers:detail", pk=leaver.pk)
    return render(
        request,
        "careleavers/care_leaver_form.html",
        {"leaver": leaver, "child": leaver.child, "form": form},
    )


@role_required(*LEAVING_CARE_STARTERS)
def care_leaver_new(request, child_pk):
    child = get_object_or_404(children_visible_to(request.user), pk=child_pk)
    if not can_start_leaving_care(request.user, child):
        raise PermissionDenied
    existing = CareLeaver.objects.filter(child=child).first()
    if existing is not None:
        return redirect("careleavers:detail", pk=existing.pk)
    may_allocate = can_allocate_adviser(request.user, child)
    form = CareLeaverForm(
        form_data(request), leaver=CareLeaver(child=child), may_allocate=may_allocate
    )

    def save(**fields):
        return services.start_leaving_care(child, by=request.user, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Leaving-care support for {child.full_name} started.")
        return redirect("careleavers:detail", pk=form.saved.pk)
    return render(
        request, "careleavers/care_leaver_form.html", {"leaver": None, "child": child, "form": form}
    )


@role_required(*LEAVING_CARE_STAFF)
def in_touch_new(request, pk):
    """Record in touch, activity and accommodation as at a day (the DfE's OC3 history)."""
    leaver = _care_leaver(request, pk)
    form = InTouchForm(request.POST or None, initial={"as_at": today()})

    def save(**data):
        in_touch.record_in_touch(leaver, by=request.user, **data)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{leaver.child.full_name}’s news was recorded.")
        return redirect("careleavers:detail", pk=leaver.pk)
    return render(
        request,
        "children/child_form.html",
        {
            "form": form,
            "child": leaver.child,
            "title": "Record keeping in touch",
            "back": reverse("careleavers:detail", args=[leaver.pk]),
            "lede": ["What was true on the day: the DfE asks around the 17th to 21st birthdays."],
        },
    )
