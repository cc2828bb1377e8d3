"""Carer household pages. Social workers, home managers and administrators see households;
children placed there are named only to people who may see those children."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import role_required
from accounts.models import Role
from core.dates import add_years, today
from core.lists import filtered_page

from . import selectors, services
from .forms import ApprovalForm, HouseholdFilterForm, OutreachForm, submit
from .models import CarerHousehold

CARER_VIEWERS = (Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.ADMINISTRATOR)
PAGE_SIZE = 25


def _household(pk):
    return get_object_or_404(
        CarerHousehold.objects.select_related("mockingbird_hub", "supervising_social_worker"),
        pk=pk,
    )


@role_required(*CARER_VIEWERS)
def household_list(request):
    form, page = filtered_page(
        request, HouseholdFilterForm, partial(selectors.households, today()), PAGE_SIZE
    )
    return render(request, "carers/household_list.html", {"form": form, "page": page})


def _child_label(placement, visible_ids, day):
    child = placement.child
    if child.pk in visible_ids:
        return child.full_name
    return f"A child aged {child.age_on(day)}, placed {placement.start_date:%d/%m/%Y}"


@role_required(*CARER_VIEWERS)
def household_detail(request, pk):
    household = _household(pk)
    day = today()
    placements = selectors.current_placements(household, day)
    outreach = selectors.recent_outreach(household)
    visible = selectors.visible_child_ids(
        request.user, [p.child for p in placements] + [o.child for o in outreach]
    )
    allowance = selectors.allowance_due(household, placements, day)
    rows = [
        {"placement": p, "label": _child_label(p, visible, day), "allowance": line}
        for p, line in zip(placements, allowance.children, strict=True)
    ]
    context = {
        "household": household,
        "rows": rows,
        "allowance": allowance,
        "outreach": [(o, o.child.full_name if o.child_id in visible else None) for o in outreach],
        "next_review_due": add_years(household.last_review_on, 1)
        if household.last_review_on
        else None,
        "today": day,
        "can_change_approval": services.can_change_approval(request.user, household),
        "can_record_outreach": selectors.outreach_hubs_for(request.user).exists(),
    }
    return render(request, "carers/household_detail.html", context)


@role_required(Role.ADMINISTRATOR, Role.SOCIAL_WORKER)
def approval_edit(request, pk):
    household = _household(pk)
    if not services.can_change_approval(request.user, household):
        raise PermissionDenied
    form = ApprovalForm(request.POST or None, household=household)

    def save(version, **changes):
        services.update_approval(household, by=request.user, expected_version=version, **changes)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Approval details for {household} saved.")
        return redirect("carers:detail", pk=household.pk)
    return render(request, "carers/approval_form.html", {"household": household, "form": form})


@role_required(*CARER_VIEWERS)
def outreach_add(request, pk):
    household = _household(pk)
    hubs = selectors.outreach_hubs_for(request.user)
    if not hubs.exists():
        raise PermissionDenied
    day = today()
    placements = selectors.current_placements(household, day)
    visible = selectors.visible_child_ids(request.user, [p.child for p in placements])
    children = {p.child_id: p.child for p in placements}
    form = OutreachForm(
        request.POST or None,
        hubs=hubs,
        child_choices=[(p.child_id, _child_label(p, visible, day)) for p in placements],
    )

    def save(child, **details):
        services.record_outreach(
            household=household, child=children[child], by=request.user, **details
        )

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Outreach for {household} recorded.")
        return redirect("carers:detail", pk=household.pk)
    return render(
        request,
        "carers/outreach_form.html",
        {"household": household, "form": form, "has_children": bool(placements)},
    )
