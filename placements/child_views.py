"""Pages on a child's record that write to the ledger (URL namespace `ledger`, under
/children/<pk>/): a change of legal status without a move, missing episodes, previous
permanence and adoption. Each view checks who may act on which child and hands over to a
service, whose refusals come back on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.access import children_visible_to, homes_visible_to, role_required
from accounts.models import Role
from core.dates import today
from core.form_rescue import form_data
from core.forms import add_rule_errors

from . import legal_status, missing, permanence
from .child_forms import (
    AdoptionDecisionForm,
    LegalStatusChangeForm,
    MissingForm,
    PreviousPermanenceForm,
    ReturnForm,
)
from .models import AdoptionDecision, MissingEpisode

RECORDERS = (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)


def child_form_page(request, child, form, save, *, title, done, context=None):
    """A form about one child: a valid POST calls `save(**cleaned_data)`; a refusal from the
    service is shown on the form and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as exc:
            add_rule_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(
                (context or {}).get("back") or reverse("children:detail", args=[child.pk])
            )
    page = {"form": form, "child": child, "title": title, **(context or {})}
    return render(request, "children/child_form.html", page)


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def legal_status_change(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    current = legal_status.status_on(child, today())
    lede = [
        "Record a new legal status when it changes while the child stays where they are, for "
        "example an interim care order becoming a full care order. For a change on the day of "
        "a move, record it on the move."
    ]
    if current:
        lede.append(
            f"Legal status now: {current.get_legal_status_display()} ({current.legal_status})."
        )
    return child_form_page(
        request,
        child,
        LegalStatusChangeForm(form_data(request)),
        lambda **data: legal_status.change_legal_status(child=child, by=request.user, **data),
        title="Record a change of legal status",
        done="The change of legal status was recorded.",
        context={"lede": lede},
    )


def _back_to_home(request):
    """Forms opened from a home's page (?home=<id>) go back there."""
    home_id = request.GET.get("home", "")
    home = homes_visible_to(request.user).filter(pk=home_id).first() if home_id.isdigit() else None
    if home is None:
        return {}
    return {"back": reverse("homes:detail", args=[home.pk]), "back_label": home.name}


@role_required(*missing.RECORDERS)
@require_http_methods(["GET", "POST"])
def missing_new(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    return child_form_page(
        request,
        child,
        MissingForm(form_data(request)),
        lambda **data: missing.record_missing(child=child, by=request.user, **data),
        title="Record missing or away without authorisation",
        done=f"{child.full_name} is recorded as missing or away. Record when they come back.",
        context=_back_to_home(request),
    )


@role_required(*missing.RECORDERS)
@require_http_methods(["GET", "POST"])
def missing_return(request, pk):
    episode = get_object_or_404(
        MissingEpisode.objects.open()
        .filter(child__in=children_visible_to(request.user))
        .select_related("child"),
        pk=pk,
    )
    started = timezone.localtime(episode.started_at)
    return child_form_page(
        request,
        episode.child,
        ReturnForm(form_data(request)),
        lambda **data: missing.record_return(episode, by=request.user, **data),
        title="Record the return",
        done=f"{episode.child.full_name}'s return was recorded.",
        context={
            "lede": [f"{episode.get_kind_display()} since {started:%d/%m/%Y %H:%M}."],
            **_back_to_home(request),
        },
    )


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def previous_permanence(request, pk):
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    started = permanence.period_start(child)
    lede = (
        [f"For the period of care that began on {started.day} {started:%B %Y}."] if started else []
    )
    return child_form_page(
        request,
        child,
        PreviousPermanenceForm(form_data(request)),
        lambda **data: permanence.record_previous_permanence(child=child, by=request.user, **data),
        title="Record previous permanence",
        done="Previous permanence was recorded.",
        context={"lede": lede},
    )


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def adoption(request, pk, decision=None):
    """Record a decision that the child should be placed for adoption, or update one."""
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    record = get_object_or_404(AdoptionDecision, pk=decision, child=child) if decision else None
    initial = {f: getattr(record, f) for f in AdoptionDecisionForm.base_fields} if record else {}
    if record and record.by_foster_carer is not None:
        initial["by_foster_carer"] = "yes" if record.by_foster_carer else "no"

    def save(**data):
        target = record or AdoptionDecision(child=child)
        for field, value in data.items():
            setattr(target, field, value)
        permanence.save_adoption_decision(target, by=request.user)

    return child_form_page(
        request,
        child,
        AdoptionDecisionForm(form_data(request), initial=initial),
        save,
        title="Adoption decision",
        done="The adoption decision was saved.",
    )
