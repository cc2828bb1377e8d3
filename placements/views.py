"""Placement pages: record, move and end a stay, change its planned end, stay extensions and
matching. Views only check access and hand over to placements.services, whose rule messages
come back as form errors."""

import contextlib
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import has_role, role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from core.conflicts import EditConflict, conflict_rows
from core.form_rescue import form_data

from . import selectors, services
from .forms import (
    EndForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MatchingForm,
    MatchingStartForm,
    MoveForm,
    PlacementForm,
    PlannedEndForm,
    add_rule_errors,
)
from .models import StayExtension

ADMIN, SW, HM = Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER
PER_PAGE = 25


def _prefill(query) -> dict:
    """Initial answers from a link such as the vacancy search's ?home=&start=&end=."""
    initial = {}
    for key, name in (("child", "child"), ("home", "home")):
        if query.get(key, "").isdigit():
            initial[name] = int(query[key])
    for key, name in (("start", "start_date"), ("end", "planned_end_date")):
        with contextlib.suppress(ValueError):
            initial[name] = datetime.date.fromisoformat(query.get(key, ""))
    return initial


def _form_page(request, form, title, context=None):
    return render(
        request, "placements/form.html", {"form": form, "title": title, **(context or {})}
    )


def _saved(request, form) -> bool:
    """Only a POST saves; answers rescued after a timed-out session are shown to check first."""
    return request.method == "POST" and form.is_valid()


def _open_stay(request, pk):
    return get_object_or_404(
        selectors.placements_for(request.user).filter(end_date__isnull=True), pk=pk
    )


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def new(request):
    form = PlacementForm(form_data(request), user=request.user, initial=_prefill(request.GET))
    if _saved(request, form):
        try:
            placement = services.place_child_after_matching(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, f"Placement recorded: {placement}.")
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(request, form, "Record a placement")


@role_required(ADMIN, SW, HM)
def detail(request, pk):
    placement = get_object_or_404(selectors.placements_for(request.user), pk=pk)
    audit.record(AuditEvent.Action.VIEW, placement, user=request.user)
    return render(
        request,
        "placements/detail.html",
        {
            "placement": placement,
            "extensions": list(placement.extensions.select_related("requested_by", "decided_by")),
            "can_request_extension": placement.is_open
            and placement.home_id
            and has_role(request.user, SW, HM),
        },
    )


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def move(request, pk):
    placement = _open_stay(request, pk)
    form = MoveForm(form_data(request), user=request.user)
    if _saved(request, form):
        data = form.cleaned_data
        try:
            moved = services.move_child_after_matching(placement, by=request.user, **data)
        except ValidationError as exc:
            add_rule_errors(form, exc, aliases={"start_date": "move_date", "end_date": "move_date"})
        else:
            messages.success(request, f"{placement.child.full_name} moved to {moved.location}.")
            return redirect("placements:detail", pk=moved.pk)
    return _form_page(request, form, "Move a child", {"placement": placement})


def _change_stay(request, placement, form_class, change, title, done):
    """A form whose answers go straight to one service call on the stay."""
    form = form_class(form_data(request))
    if _saved(request, form):
        try:
            change(placement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(request, form, title, {"placement": placement})


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def end(request, pk):
    return _change_stay(
        request,
        _open_stay(request, pk),
        EndForm,
        services.end_placement,
        "End a placement",
        "The placement has ended.",
    )


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def planned_end(request, pk):
    placement = _open_stay(request, pk)
    form = PlannedEndForm(
        form_data(request),
        initial={"planned_end_date": placement.planned_end_date, "version": placement.version},
    )
    conflict = None
    if _saved(request, form):
        try:
            services.change_planned_end_from_version(
                placement,
                version=form.cleaned_data["version"],
                planned_end_date=form.cleaned_data["planned_end_date"],
                by=request.user,
            )
        except EditConflict as stale:
            form.add_error(None, stale.message)
            conflict = conflict_rows(form, stale.saved)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, "The planned end date was changed.")
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(
        request,
        form,
        "Change the planned end date",
        {"placement": placement, "conflict": conflict},
    )


@role_required(SW, HM)
@require_http_methods(["GET", "POST"])
def extension_request(request, pk):
    placement = get_object_or_404(
        selectors.placements_for(request.user).filter(end_date__isnull=True, home__isnull=False),
        pk=pk,
    )
    return _change_stay(
        request,
        placement,
        ExtensionRequestForm,
        services.request_extension,
        "Request a stay extension",
        "Extension requested. A head of service will decide.",
    )


@role_required(ADMIN)
def extensions(request):
    page = Paginator(selectors.pending_extensions(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "placements/extensions.html", {"page": page})


@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def extension_decide(request, pk):
    extension = get_object_or_404(
        StayExtension.objects.select_related("placement__child", "placement__home__home_type"),
        pk=pk,
    )
    if extension.status != StayExtension.Status.REQUESTED:
        messages.info(
            request, f"This extension was already decided: {extension.get_status_display()}."
        )
        return redirect("placements:extensions")
    form = ExtensionDecisionForm(form_data(request))
    if _saved(request, form):
        try:
            services.decide_extension(
                extension,
                authorise=form.cleaned_data["decision"] == "authorise",
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            add_rule_errors(form, exc, aliases={"decision_note": "note"})
        else:
            messages.success(request, "Decision recorded.")
            return redirect("placements:extensions")
    return _form_page(
        request,
        form,
        "Decide a stay extension",
        {"placement": extension.placement, "extension": extension},
    )


@role_required(ADMIN, HM)
@require_http_methods(["GET", "POST"])
def matching_new(request):
    """Two steps on one page: choose the home and proposed start (GET), then assess the
    impact on each child living there on that day and sign it off (POST)."""
    start = MatchingStartForm(request.GET or None, user=request.user)
    if not (start.is_bound and start.is_valid()):
        return _form_page(request, start, "Record a matching assessment")
    home, day = start.cleaned_data["home"], start.cleaned_data["start"]
    form = MatchingForm(
        form_data(request),
        residents=services.residents_on(home, day),
        initial={"child_ref": request.GET.get("child_ref", "")},
    )
    if _saved(request, form):
        data = form.cleaned_data
        try:
            assessment = services.record_matching(
                child=data["child_ref"],
                home=home,
                proposed_start=day,
                decision=data["decision"],
                summary=data["summary"],
                risks=form.risks(),
                by=request.user,
            )
        except ValidationError as exc:
            add_rule_errors(form, exc, aliases={"child": "child_ref"})
        else:
            messages.success(request, "Matching assessment signed off.")
            return redirect("placements:matching_detail", pk=assessment.pk)
    return _form_page(
        request, form, "Record a matching assessment", {"home": home, "proposed_start": day}
    )


@role_required(ADMIN, HM)
def matching_detail(request, pk):
    assessment = get_object_or_404(selectors.matchings_for(request.user), pk=pk)
    audit.record(AuditEvent.Action.VIEW, assessment, user=request.user)
    return render(
        request,
        "placements/matching_detail.html",
        {"assessment": assessment, "risks": list(assessment.risks.select_related("resident"))},
    )
