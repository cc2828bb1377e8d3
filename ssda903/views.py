"""The SSDA903 return on the web, for administrators only: the data-quality page (today's
errors by rule and by child, and the trend), the button that checks now, and the download."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import role_required
from accounts.models import Role
from audit import exports
from audit import services as audit
from audit.models import AuditEvent
from core import jobs
from core.lists import page_of

from . import selectors, services, tasks, years
from .filters import CHILDREN_WITH_ERRORS
from .models import ReturnDownload


@require_GET
@role_required(Role.ADMINISTRATOR)
def data_quality(request):
    run = selectors.latest_run()
    rule = request.GET.get("rule") or None
    context = {
        "run": run,
        "failed": selectors.last_failed_run(),
        "trend": selectors.trend(),
        "years": years.offered(),
        "rule": rule,
    }
    if run:
        context["rules"] = selectors.errors_by_rule(run)
        context["page"] = page_of(request, selectors.children_with_errors(run, rule))
    return render(request, "ssda903/data_quality.html", context)


@require_GET
@role_required(Role.ADMINISTRATOR)
def children_download(request, fmt):
    """The children with errors in the latest check (under `?rule=`, when given), most errors
    first, as on the page."""
    run = selectors.latest_run()
    if run is None:  # nothing checked yet: the page says so
        return redirect("ssda903:data_quality")
    rule = request.GET.get("rule") or None
    chosen = {"Checked on": f"{run.as_of:%d/%m/%Y}", **({"Rule": rule} if rule else {})}
    rows = selectors.children_with_errors(run, rule)
    return exports.download(request, fmt, CHILDREN_WITH_ERRORS, rows, chosen=chosen)


@require_POST
@role_required(Role.ADMINISTRATOR)
def check_now(request):
    if jobs.queue(tasks.validate_return_now, request.user.pk):
        messages.success(
            request,
            "The return is being checked. It takes a minute or two: refresh this page to see the result.",
        )
    else:
        messages.error(
            request,
            "The check could not be started: the job queue is not answering. Try again in a few minutes.",
        )
    return redirect("ssda903:data_quality")


@require_GET
@role_required(Role.ADMINISTRATOR)
def download(request, year):
    chosen = years.chosen(year)
    if chosen is None:
        raise Http404("No return for that year")
    made = services.make_return(chosen)
    record = ReturnDownload.objects.create(
        year=made.year.year,
        as_of=made.year.last_day,
        downloaded_by=request.user,
        files={name: len(rows) for name, rows in made.tables.items()},
    )
    audit.record(
        AuditEvent.Action.EXPORT, record, user=request.user, changes={"files": list(made.files)}
    )
    response = HttpResponse(services.zip_bytes(made), content_type="application/zip")
    name = f"SSDA903-{made.year.label}-{made.year.last_day:%Y%m%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
