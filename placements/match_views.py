"""Match request pages: a social worker asks a home for a match from the vacancy search, the
home's manager assesses the impact on the children living there and signs it off (or
declines), and the social worker places the child or withdraws the request. The states and
their rules are in placements.matching; these views check access and hand over."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import children_visible_to, has_role, homes_managed_by, role_required
from accounts.models import Role
from audit import exports
from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from core.form_rescue import form_data
from core.forms import add_rule_errors
from core.lists import page_of
from homes.models import Home

from . import matching, selectors
from .filters import MATCH_REQUESTS
from .forms import DeclineForm, ImpactAssessmentForm, MatchRequestForm, WithdrawForm
from .models import MatchRequest

ADMIN, SW, HM = Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER


def _page(request, template, context):
    return render(request, f"placements/{template}", context)


def _request_for(request, pk) -> MatchRequest:
    return get_object_or_404(selectors.match_requests_for(request.user), pk=pk)


def _managed(request, match) -> bool:
    return homes_managed_by(request.user).filter(pk=match.home_id).exists()


def place_url(match: MatchRequest, on: datetime.date) -> str:
    """The placement form filled in from the agreed match: a move when the child lives
    somewhere now, else a new placement."""
    query = {"home": match.home_id, "start": match.proposed_start.isoformat()}
    if match.proposed_end:
        query["end"] = match.proposed_end.isoformat()
    stay = matching.current_stay(match.child, on)
    if stay is not None:
        return f"{reverse('placements:move', args=[stay.pk])}?{urlencode(query)}"
    return f"{reverse('placements:new')}?{urlencode({'child': match.child_id, **query})}"


@role_required(ADMIN, SW, HM)
def match_requests(request, fmt=None):
    """The requests this person may open, open ones first; `?show=all` adds the closed. They
    download as a file in the same order."""
    show_all = request.GET.get("show") == "all"
    found = selectors.match_requests_for(request.user)
    if not show_all:
        found = found.filter(status__in=MatchRequest.OPEN)
    found = selectors.match_requests_open_first(found)
    if fmt:
        shown = {"Shown": "Open and closed requests" if show_all else "Open requests"}
        return exports.download(request, fmt, MATCH_REQUESTS, found, chosen=shown)
    return _page(
        request, "match_requests.html", {"page": page_of(request, found), "show_all": show_all}
    )


@role_required(ADMIN, SW)
@require_http_methods(["GET", "POST"])
def request_new(request):
    """Ask a home's manager for a match, from the vacancy search: ?child=&home=&start=&end=."""
    child = get_object_or_404(children_visible_to(request.user), pk=_number(request, "child"))
    home = get_object_or_404(
        Home.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today())).select_related(
            "home_type"
        ),
        pk=_number(request, "home"),
    )
    initial = {}
    for key, name in (("start", "proposed_start"), ("end", "proposed_end")):
        try:
            initial[name] = datetime.date.fromisoformat(request.GET.get(key, ""))
        except ValueError:
            continue
    form = MatchRequestForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            match = matching.request_match(
                child=child, home=home, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(
                request, f"Match request sent. The manager of {home} is told on My work."
            )
            return redirect("placements:request_detail", pk=match.pk)
    return _page(request, "match_request_form.html", {"form": form, "child": child, "home": home})


def _number(request, key) -> int | None:
    value = request.GET.get(key, "")
    return int(value) if value.isdigit() else None


@role_required(ADMIN, SW, HM)
def request_detail(request, pk):
    match = _request_for(request, pk)
    audit.record(AuditEvent.Action.VIEW, match, user=request.user)
    on = today()
    manages = _managed(request, match)
    asks = matching.may_request_match(request.user, match.child)
    return _page(
        request,
        "match_request_detail.html",
        {
            "match": match,
            "age": match.child.age_on(match.proposed_start),
            "may_open_child": children_visible_to(request.user).filter(pk=match.child_id).exists(),
            "may_assess": manages and match.status == MatchRequest.Status.REQUESTED,
            "may_decline": manages and match.is_open,
            "may_withdraw": asks and match.is_open,
            "place_url": place_url(match, on)
            if asks and match.status == MatchRequest.Status.AGREED
            else None,
            "may_read_assessment": manages or has_role(request.user, ADMIN),
        },
    )


@role_required(ADMIN, HM)
@require_http_methods(["GET", "POST"])
def request_assess(request, pk):
    """The manager's impact-risk assessment against each child living in the home on the
    proposed start, signed off: it agrees or declines the request."""
    match = _request_for(request, pk)
    if not _managed(request, match):
        return redirect("placements:request_detail", pk=match.pk)
    residents = matching.residents_on(match.home, match.proposed_start)
    form = ImpactAssessmentForm(form_data(request), residents=residents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            match = matching.assess_match(
                match,
                decision=data["decision"],
                summary=data["summary"],
                risks=form.risks(),
                by=request.user,
            )
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            said = "agreed" if match.status == MatchRequest.Status.AGREED else "declined"
            messages.success(
                request,
                f"Matching assessment signed off: the request is {said}. The social worker is "
                "told.",
            )
            return redirect("placements:request_detail", pk=match.pk)
    return _page(request, "match_request_assess.html", {"form": form, "match": match})


def _answer(request, pk, *, form_class, may, change, title, done):
    """A one-reason form on a request (decline, withdraw) that goes to one service call."""
    match = _request_for(request, pk)
    if not may(request, match):
        return redirect("placements:request_detail", pk=match.pk)
    form = form_class(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            change(match, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("placements:request_detail", pk=match.pk)
    return _page(
        request, "match_request_answer.html", {"form": form, "match": match, "title": title}
    )


@role_required(ADMIN, HM)
@require_http_methods(["GET", "POST"])
def request_decline(request, pk):
    return _answer(
        request,
        pk,
        form_class=DeclineForm,
        may=_managed,
        change=matching.decline_match,
        title="Decline the match request",
        done="Match request declined. The social worker is told.",
    )


@role_required(ADMIN, SW)
@require_http_methods(["GET", "POST"])
def request_withdraw(request, pk):
    return _answer(
        request,
        pk,
        form_class=WithdrawForm,
        may=lambda request, match: matching.may_request_match(request.user, match.child),
        change=matching.withdraw_match,
        title="Withdraw the match request",
        done="Match request withdrawn. The home's manager is told.",
    )
