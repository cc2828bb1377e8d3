"""Recording what the alerts ask for: a looked-after review, a social worker visit, a placement
plan. Social workers record for the children they may see, administrators for any child; a
child outside the caller's scope is a 404. Others who may see the child (a home manager told
about a missing plan) follow the alert's link to the child's record instead. The rules are in
services."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import children_visible_to, has_role
from accounts.models import Role

from . import forms, outcomes, services

RECORDERS = (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class RecordPage:
    form: type
    record: Callable  # services.record_*(child=..., by=..., **the form's data)
    title: str
    done: str


PAGES = {
    "review": RecordPage(
        forms.ReviewForm,
        services.record_review,
        "Record a looked-after review",
        "The looked-after review was recorded.",
    ),
    "visit": RecordPage(
        forms.VisitForm,
        services.record_visit,
        "Record a social worker visit",
        "The visit was recorded.",
    ),
    "plan": RecordPage(
        forms.PlanForm,
        services.record_plan,
        "Record the placement plan",
        "The placement plan was recorded.",
    ),
    "outcomes": RecordPage(
        forms.OutcomesForm,
        outcomes.record_outcomes,
        "Record outcomes for the year (health, SDQ, offending)",
        "The year's outcomes were recorded.",
    ),
}


def record(request, pk, kind):
    """The `kind` form for one child; a valid post records it; a refusal from the service is
    shown on the form and nothing is saved."""
    child = get_object_or_404(children_visible_to(request.user), pk=pk)
    if not has_role(request.user, *RECORDERS):
        if request.method != "GET":
            raise PermissionDenied
        return redirect("children:detail", child.pk)
    page = PAGES[kind]
    form = page.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page.record(child=child, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, page.done)
            return redirect("children:detail", child.pk)
    back = reverse("children:detail", args=[child.pk])
    context = {"form": form, "child": child, "title": page.title, "back": back}
    return render(request, "timescales/record.html", context)
