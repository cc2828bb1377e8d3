"""Carer household pages. Social workers, home managers and administrators see households;
children placed there are named only to people who may see those children."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import HOUSEHOLD_CREATORS, can_manage_household, has_role, role_required
from accounts.models import Role
from audit import exports
from core.dates import add_years, today
from core.form_rescue import form_data
from core.forms import submit
from core.lists import filtered, page_of

from . import selectors, services
from .filters import HOUSEHOLDS, HouseholdFilter
from .forms import ApprovalForm, CarerForm, HouseholdForm, OutreachForm
from .models import Carer, CarerHousehold

CARER_VIEWERS = (Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.ADMINISTRATOR)


def _household(pk):
    return get_object_or_404(
        CarerHousehold.objects.select_related("mockingbird_hub", "supervising_social_worker"),
        pk=pk,
    )


@role_required(*CARER_VIEWERS)
def household_list(request, fmt=None):
    listing = filtered(request, HouseholdFilter, selectors.households(), every_household=bool(fmt))
    if fmt:
        return exports.download(request, fmt, HOUSEHOLDS, listing.qs, chosen=listing.chosen)
    return render(
        request,
        "carers/household_list.html",
        {
            "listing": listing,
            "page": page_of(request, listing.qs),
            "can_add": has_role(request.user, *HOUSEHOLD_CREATORS),
        },
    )


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
        "can_change_approval": can_manage_household(request.user, household),
        "carers": list(household.carers.all()),
        "can_record_outreach": selectors.outreach_hubs_for(request.user).exists(),
    }
    return render(request, "carers/household_detail.html", context)


@role_required(Role.ADMINISTRATOR, Role.SOCIAL_WORKER)
def approval_edit(request, pk):
    household = _household(pk)
    if not can_manage_household(request.user, household):
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


@role_required(*HOUSEHOLD_CREATORS)
def household_new(request):
    may_choose = has_role(request.user, Role.ADMINISTRATOR)
    form = HouseholdForm(form_data(request), may_choose_worker=may_choose)

    def save(**details):
        return services.create_household(by=request.user, **details)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        household = form.saved
        messages.success(request, f"{household} was added. Now add the carers who live there.")
        return redirect("carers:detail", pk=household.pk)
    return render(request, "carers/household_form.html", {"form": form})


def _managed_household(request, pk):
    household = _household(pk)
    if not can_manage_household(request.user, household):
        raise PermissionDenied
    return household


@role_required(*HOUSEHOLD_CREATORS)
def household_edit(request, pk):
    household = _managed_household(request, pk)
    may_choose = has_role(request.user, Role.ADMINISTRATOR)
    form = HouseholdForm(form_data(request), household=household, may_choose_worker=may_choose)

    def save(version, **details):
        services.update_household(household, by=request.user, expected_version=version, **details)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"Details of {household} saved.")
        return redirect("carers:detail", pk=household.pk)
    return render(request, "carers/household_form.html", {"form": form, "household": household})


@role_required(*HOUSEHOLD_CREATORS)
def carer_add(request, pk):
    household = _managed_household(request, pk)
    form = CarerForm(form_data(request))

    def save(**fields):
        services.add_carer(household, by=request.user, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{form.cleaned_data['first_name']} was added to {household}.")
        return redirect("carers:detail", pk=household.pk)
    return render(request, "carers/carer_form.html", {"form": form, "household": household})


@role_required(*HOUSEHOLD_CREATORS)
def carer_edit(request, pk):
    carer = get_object_or_404(Carer.objects.select_related("household"), pk=pk)
    household = _managed_household(request, carer.household_id)
    form = CarerForm(form_data(request), carer=carer)

    def save(version, **fields):
        services.update_carer(carer, by=request.user, expected_version=version, **fields)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{carer.full_name}’s details were saved.")
        return redirect("carers:detail", pk=household.pk)
    return render(
        request, "carers/carer_form.html", {"form": form, "household": household, "carer": carer}
    )
