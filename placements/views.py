"""Placement pages: record, move and end a stay (now or planned ahead), cancel a planned move
or end, change the planned end, stay extensions and matching assessments. Views only check
access and hand over to placements.services, whose rule messages come back as form errors.
Match requests have their own pages (placements/match_views.py)."""

import contextlib
import datetime
import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import children_visible_to, has_role, role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from children.models import LegalStatusRecord
from core.conflicts import EditConflict, conflict_rows
from core.dates import in_words, today
from core.form_rescue import form_data
from core.forms import add_rule_errors, rule_errors_too
from core.lists import page_of
from core.search_select import SearchChoiceField, search_results

from . import matching, selectors, services
from .forms import (
    CancelLeavingForm,
    EndForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MoveForm,
    PlacementForm,
    PlannedEndForm,
)
from .models import StayExtension

ADMIN, SW, HM = Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER


def _prefill(query, start="start_date") -> dict:
    """Initial answers from a link such as the vacancy search's or an agreed match request's
    ?child=&home=&start=&end= (`start` names the form's first date)."""
    initial = {}
    for key, name in (("child", "child"), ("home", "home")):
        if query.get(key, "").isdigit():
            initial[name] = int(query[key])
    for key, name in (("start", start), ("end", "planned_end_date")):
        with contextlib.suppress(ValueError):
            initial[name] = datetime.date.fromisoformat(query.get(key, ""))
    return initial


def _with_legal_status(user, initial) -> dict:
    """The child's current legal status, for a placement form opened for that child."""
    if "child" in initial:
        status = (
            LegalStatusRecord.objects.live()
            .filter(child__in=children_visible_to(user), child_id=initial["child"])
            .order_by("-start_date", "-id")
            .values_list("legal_status", flat=True)
            .first()
        )
        if status:
            initial["legal_status"] = status
    return initial


def _form_page(request, form, title, context=None):
    return render(
        request, "placements/form.html", {"form": form, "title": title, **(context or {})}
    )


def _saved(request, form, attempt=None, *, needs=(), aliases=None) -> bool:
    """Only a POST saves (not one from a search button); answers rescued after a timed-out
    session are shown to check first. A form with errors also shows what `attempt` (the
    service) would refuse among its other answers (core.forms.rule_errors_too)."""
    if request.method != "POST":
        return False
    if form.is_valid():
        return True
    if attempt is not None:
        rule_errors_too(form, attempt, needs=needs, aliases=aliases)
    return False


def _open_stay(request, pk):
    return get_object_or_404(
        selectors.placements_for(request.user).filter(end_date__isnull=True), pk=pk
    )


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def new(request):
    initial = _with_legal_status(request.user, _prefill(request.GET))
    form = PlacementForm(form_data(request), user=request.user, initial=initial)
    place = functools.partial(matching.place_child_after_matching, by=request.user)
    if _saved(request, form, place, needs=("child", "start_date")):
        try:
            placement = place(**form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, f"Placement recorded: {placement}.")
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(request, form, "Record a placement")


@role_required(ADMIN, SW, HM)
def choices(request, field):
    """The children, homes, units or households matching what was typed in a placement or move
    form's search box (htmx): only those this person may choose there."""
    form = PlacementForm(user=request.user)
    if not isinstance(form.fields.get(field), SearchChoiceField):
        raise Http404
    return HttpResponse(search_results(request, form.fields[field], field))


@role_required(ADMIN, SW, HM)
def detail(request, pk):
    placement = get_object_or_404(selectors.placements_for(request.user), pk=pk)
    audit.record(AuditEvent.Action.VIEW, placement, user=request.user)
    return render(
        request,
        "placements/detail.html",
        {
            "placement": placement,
            "leaving_planned": placement.leaving_planned(today()),
            "extensions": list(placement.extensions.select_related("requested_by", "decided_by")),
            "can_request_extension": placement.is_open
            and placement.home_id
            and has_role(request.user, SW, HM),
        },
    )


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def move(request, pk):
    """Move the child today, on a day past, or on a day still to come (a planned move)."""
    placement = _open_stay(request, pk)
    form = MoveForm(
        form_data(request), user=request.user, initial=_prefill(request.GET, start="move_date")
    )
    move = functools.partial(matching.move_child_after_matching, placement, by=request.user)
    aliases = {"start_date": "move_date", "end_date": "move_date"}
    if _saved(request, form, move, needs=("move_date",), aliases=aliases):
        try:
            moved = move(**form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc, aliases=aliases)
        else:
            name, day = placement.child.full_name, in_words(moved.start_date)
            done = "moves" if moved.start_date > today() else "moved"
            messages.success(request, f"{name} {done} to {moved.location} on {day}.")
            return redirect("placements:detail", pk=moved.pk)
    return _form_page(request, form, "Move a child", {"placement": placement})


def _change_stay(request, placement, form_class, change, title, done, needs=()):
    """A form whose answers go straight to one service call on the stay (tried with the
    valid answers when some are wrong, once those in `needs` are valid)."""
    form = form_class(form_data(request))
    attempt = functools.partial(change, placement, by=request.user)
    if _saved(request, form, attempt if needs else None, needs=needs):
        try:
            attempt(**form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(request, form, title, {"placement": placement})


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def end(request, pk):
    """End a stay (today, on a day past or planned ahead), with a check-your-answers step:
    the answers are checked against the rules, shown to confirm, then saved."""
    placement = _open_stay(request, pk)
    form = EndForm(form_data(request), initial=EndForm.answers_from(request.GET))
    check = functools.partial(services.check_end, placement)
    if _saved(request, form, check, needs=("end_date",)):
        try:
            if "confirmed" not in request.POST:
                services.check_end(placement, **form.cleaned_data)
                return render(
                    request,
                    "placements/end_check.html",
                    {
                        "placement": placement,
                        "form": form,
                        "answers": form.summary(),
                        "planned": form.cleaned_data["end_date"] > today(),
                    },
                )
            ended = services.end_placement(placement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            planned = ended.end_date > today()
            messages.success(
                request,
                f"The placement {'will end' if planned else 'ended'} on "
                f"{in_words(ended.end_date)}.",
            )
            return redirect("placements:detail", pk=placement.pk)
    return _form_page(request, form, "End a placement", {"placement": placement})


@role_required(ADMIN, SW, HM)
@require_http_methods(["GET", "POST"])
def cancel_leaving(request, pk):
    """Undo a move or end recorded for a day still to come."""
    placement = get_object_or_404(
        selectors.placements_for(request.user).filter(end_date__gt=today()), pk=pk
    )
    return _change_stay(
        request,
        placement,
        CancelLeavingForm,
        services.cancel_planned_leaving,
        "Cancel the planned move or end",
        "The planned move or end was cancelled. The placement continues.",
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
    running = Q(end_date__isnull=True) | Q(end_date__gt=today())  # until the child leaves
    placement = get_object_or_404(
        selectors.placements_for(request.user).filter(running, home__isnull=False), pk=pk
    )
    return _change_stay(
        request,
        placement,
        ExtensionRequestForm,
        services.request_extension,
        "Request a stay extension",
        "Extension requested. A head of service will decide.",
        needs=("extend_to",),
    )


@role_required(ADMIN)
def extensions(request):
    page = page_of(request, selectors.pending_extensions(today()))
    return render(request, "placements/extensions.html", {"page": page})


@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def extension_decide(request, pk):
    extension = get_object_or_404(
        StayExtension.objects.select_related("placement__child", "placement__home__home_type"),
        pk=pk,
    )
    if not StayExtension.objects.waiting(today()).filter(pk=pk).exists():
        if extension.status == StayExtension.Status.REQUESTED:  # the child has left
            services.close_extensions_left_behind([extension.placement], on=today())
            extension.refresh_from_db()
        messages.info(
            request, f"This extension can no longer be decided: {extension.get_status_display()}."
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
def matching_detail(request, pk):
    assessment = get_object_or_404(selectors.matchings_for(request.user), pk=pk)
    audit.record(AuditEvent.Action.VIEW, assessment, user=request.user)
    return render(
        request,
        "placements/matching_detail.html",
        {"assessment": assessment, "risks": list(assessment.risks.select_related("resident"))},
    )
