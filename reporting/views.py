"""Board reports and the aggregate dashboard: anonymised figures only, for board members,
home managers and administrators."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import role_required
from accounts.models import Role
from core.dates import today

from . import periods, snapshots, tasks
from .forms import DashboardPeriodForm, PeriodForm
from .models import BoardReport

READERS = (Role.BOARD_MEMBER, Role.HOME_MANAGER, Role.ADMINISTRATOR)
PAGE_SIZE = 25


@require_GET
@role_required(*READERS)
def report_list(request):
    form = PeriodForm(initial={"period": periods.last_complete(today(), periods.MONTH).code})
    return _list_page(request, form)


def _list_page(request, form, status=200):
    page = Paginator(BoardReport.objects.select_related("requested_by"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "reporting/report_list.html", {"page": page, "form": form}, status=status
    )


@require_POST
@role_required(*READERS)
def request_report(request):
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    report = tasks.request_report(form.chosen(), by=request.user)
    report.refresh_from_db(fields=["status", "error"])
    if report.status == BoardReport.Status.FAILED:
        messages.error(request, report.error)
    else:
        messages.success(request, f"The report for {report.period.label} is being made.")
    return redirect("reporting:detail", report.pk)


@require_GET
@role_required(*READERS)
def report_detail(request, pk):
    report = get_object_or_404(BoardReport.objects.select_related("requested_by"), pk=pk)
    template = "reporting/_progress.html" if request.htmx else "reporting/report_detail.html"
    return render(request, template, {"report": report})


@require_GET
@role_required(*READERS)
def download(request, pk):
    report = get_object_or_404(BoardReport, pk=pk, status=BoardReport.Status.DONE)
    if not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type="application/pdf",
    )


@require_GET
@role_required(*READERS)
def dashboard(request):
    data = (
        request.GET
        if "period" in request.GET
        else {"period": periods.last_complete(today(), periods.MONTH).code}
    )
    form = DashboardPeriodForm(data)
    figures = snapshots.for_dashboard(form.chosen()) if form.is_valid() else None
    return render(
        request,
        "reporting/dashboard.html",
        {"form": form, "figures": figures, "report": figures and figures.report},
    )
