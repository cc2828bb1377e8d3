"""Care leaver pages for personal advisers, social workers and administrators. Each person sees
only the young people accounts.access lets them see; anyone else gets a 404."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.access import role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from carers.forms import submit
from core.dates import today
from core.lists import filtered_page

from . import selectors, services
from .forms import CareLeaverFilterForm, CareLeaverForm

LEAVING_CARE_STAFF = (Role.PERSONAL_ADVISER, Role.SOCIAL_WORKER, Role.ADMINISTRATOR)
PAGE_SIZE = 25


def _care_leaver(request, pk):
    leaver = selectors.care_leaver_for(request.user, pk)
    if leaver is None:
        raise Http404("No such young person in your caseload.")
    return leaver


@role_required(*LEAVING_CARE_STAFF)
def care_leaver_list(request):
    day = today()
    form, page = filtered_page(
        request, CareLeaverFilterForm, partial(selectors.care_leavers, request.user, day), PAGE_SIZE
    )
    return render(
        request, "careleavers/care_leaver_list.html", {"form": form, "page": page, "today": day}
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
    form = CareLeaverForm(request.POST or None, leaver=leaver)

    def save(version, **changes):
        services.update_care_leaver(leaver, by=request.user, expected_version=version, **changes)

    if request.method == "POST" and form.is_valid() and submit(form, save):
        messages.success(request, f"{leaver.child.full_name}’s leaving-care details saved.")
        return redirect("careleavers:detail", pk=leaver.pk)
    return render(request, "careleavers/care_leaver_form.html", {"leaver": leaver, "form": form})
