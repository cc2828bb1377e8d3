"""Regulation 44 visits and reports, their actions, the home's logs and Regulation 45 reviews.

Each view checks the role, then finds the record inside the caller's scope (selectors), so a
record outside it is a 404. The rules themselves are in services.
"""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import has_role, role_required
from accounts.models import Role
from audit import services as audit
from audit.models import AuditEvent
from core.dates import today

from . import forms, pdf, selectors, services
from .models import Incident, Recommendation, Reg40Notification, Reg45Review

IV, HM, ADMIN = Role.INDEPENDENT_VISITOR, Role.HOME_MANAGER, Role.ADMINISTRATOR
READERS = selectors.INSPECTION_ROLES
MANAGERS = (HM, ADMIN)
PAGE_SIZE = 25


def _show_errors(form, exc: ValidationError):
    """Put a service's refusal on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _form_page(request, form, *, title, caption, back, button, extra=None):
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back": back,
        "button": button,
        **(extra or {}),
    }
    return render(request, "inspections/form.html", context)


def _home(request, pk):
    return get_object_or_404(selectors.homes_for(request.user), pk=pk)


def _visit(request, pk):
    return get_object_or_404(selectors.visits_for(request.user).select_related("home"), pk=pk)


def _own_draft(request, pk):
    visit = _visit(request, pk)
    if not (visit.is_draft and visit.visitor_id == request.user.pk):
        raise Http404("Not a draft of yours")
    return visit


# --------------------------------------------------------------------------- lists


@role_required(*READERS)
def index(request):
    visits = Paginator(selectors.visit_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/index.html",
        {
            "page": visits,
            "homes": selectors.homes_for(request.user).order_by("name")[:PAGE_SIZE],
            "is_visitor": has_role(request.user, IV),
            "today": today(),
        },
    )


@role_required(*READERS)
def home(request, pk):
    home = _home(request, pk)
    visits = selectors.visit_list(request.user).filter(home=home)
    return render(
        request,
        "inspections/home.html",
        {
            "home": home,
            "page": Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page")),
            "reviews": selectors.reviews_for(request.user).filter(home=home)[:PAGE_SIZE],
            "can_record_visit": has_role(request.user, IV),
            "can_manage": has_role(request.user, *MANAGERS),
            "logs": selectors.home_logs(home),
        },
    )


@role_required(*READERS)
def actions(request):
    page = Paginator(selectors.actions_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/actions.html",
        {"page": page, "today": today(), "can_respond": has_role(request.user, *MANAGERS)},
    )


# --------------------------------------------------------------------------- Regulation 44 visits


@role_required(IV)
def visit_create(request, home_pk):
    home = _home(request, home_pk)
    form = forms.VisitStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.start_visit(home=home, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            return redirect("inspections:visit_edit", pk=visit.pk)
    return _form_page(
        request,
        form,
        title="Record a visit",
        caption=home.name,
        back=reverse("inspections:home", args=[home.pk]),
        button="Start the report",
    )


@role_required(*READERS)
def visit_detail(request, pk):
    visit = _visit(request, pk)
    audit.record(AuditEvent.Action.VIEW, visit, user=request.user)
    user = request.user
    is_author = visit.visitor_id == user.pk
    return render(
        request,
        "inspections/visit_detail.html",
        {
            **selectors.visit_detail(visit),
            "today": today(),
            "can_edit": visit.is_draft and is_author,
            "can_correct": visit.is_current and is_author and not hasattr(visit, "correction"),
            "can_sign_off": visit.status == visit.Status.SUBMITTED and has_role(user, ADMIN),
            "can_send": visit.is_current and (is_author or has_role(user, ADMIN)),
            "can_respond": visit.is_current and has_role(user, *MANAGERS),
        },
    )


@role_required(IV)
def visit_edit(request, pk):
    visit = _own_draft(request, pk)
    initial = forms.VisitReportForm.initial_for(visit, selectors.finding_texts(visit))
    form = forms.VisitReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_visit(
                visit, by=request.user, findings=form.findings(), **form.report_fields()
            )
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "The report was saved.")
            return redirect("inspections:visit_detail", pk=visit.pk)
    return _form_page(
        request,
        form,
        title="Write the report",
        caption=f"{visit.home} – draft",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Save the report",
        extra={"logs": selectors.home_logs(visit.home), "logs_home": visit.home},
    )


@role_required(IV)
def person_add(request, pk):
    visit = _own_draft(request, pk)
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_person(visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "The conversation was added.")
            return redirect("inspections:visit_detail", pk=visit.pk)
    return _form_page(
        request,
        form,
        title="Add someone you spoke to",
        caption=f"{visit.home} – draft",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Add",
    )


@role_required(IV)
def recommendation_add(request, pk):
    visit = _own_draft(request, pk)
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_recommendation(visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "The recommendation was added.")
            return redirect("inspections:visit_detail", pk=visit.pk)
    return _form_page(
        request,
        form,
        title="Add a recommendation",
        caption=f"{visit.home} – draft",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Add",
    )


def _post_action(request, visit, action, success):
    """Run a one-button action; a refusal comes back as a message on the report page."""
    try:
        action(visit, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect("inspections:visit_detail", pk=visit.pk)


@require_POST
@role_required(IV)
def visit_submit(request, pk):
    visit = _own_draft(request, pk)
    return _post_action(request, visit, services.submit, "The report was submitted and locked.")


@require_POST
@role_required(ADMIN)
def visit_sign_off(request, pk):
    return _post_action(
        request, _visit(request, pk), services.sign_off, "The report was signed off."
    )


@require_POST
@role_required(IV, ADMIN)
def visit_send(request, pk):
    return _post_action(request, _visit(request, pk), services.send_report, "The report was sent.")


@role_required(IV)
def visit_correct(request, pk):
    visit = _visit(request, pk)
    if visit.visitor_id != request.user.pk:
        raise Http404("Not a report of yours")
    form = forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.start_correction(visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, f"Version {new.version_number} was started as a draft.")
            return redirect("inspections:visit_edit", pk=new.pk)
    return _form_page(
        request,
        form,
        title="Correct the report",
        caption=f"{visit.home} – version {visit.version_number}",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Start a corrected version",
    )


def _pdf_response(request, record, stored, render, filename):
    audit.record(AuditEvent.Action.EXPORT, record, user=request.user)
    if stored:
        return FileResponse(stored.open("rb"), as_attachment=True, filename=filename)
    # A draft has no stored report yet: render it on the fly, marked as a draft.
    return FileResponse(
        io.BytesIO(render(record)),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@role_required(*READERS)
def visit_pdf(request, pk):
    visit = _visit(request, pk)
    name = f"reg44-{visit.home.name}-{visit.visit_date:%Y-%m-%d}-v{visit.version_number}.pdf"
    return _pdf_response(request, visit, visit.report_pdf, pdf.visit_report, name)


@role_required(*MANAGERS)
def action_respond(request, pk):
    rec = get_object_or_404(
        Recommendation.objects.open()
        .filter(visit__home__in=selectors.homes_for(request.user))
        .select_related("visit__home"),
        pk=pk,
    )
    form = forms.ResponseForm(request.POST or None, initial={"response": rec.manager_response})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(rec, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "Your response was saved.")
            return redirect("inspections:visit_detail", pk=rec.visit_id)
    return _form_page(
        request,
        form,
        title="Respond to a recommendation",
        caption=f"{rec.visit.home} – due {rec.due_date:%d %B %Y}",
        back=reverse("inspections:visit_detail", args=[rec.visit_id]),
        button="Save response",
        extra={"quote": rec.text},
    )


# --------------------------------------------------------------------------- the home's logs


LOGS = {
    "reg40": (Reg40Notification, forms.Reg40Form, "Record a Regulation 40 notification"),
    "incident": (Incident, forms.IncidentForm, "Record an incident"),
}


def _log_entry_create(request, home_pk, kind):
    home = _home(request, home_pk)
    model, form_class, title = LOGS[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_log_entry(model, home=home, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "It was recorded.")
            return redirect("inspections:home", pk=home.pk)
    return _form_page(
        request,
        form,
        title=title,
        caption=home.name,
        back=reverse("inspections:home", args=[home.pk]),
        button="Save",
    )


@role_required(*MANAGERS)
def reg40_create(request, home_pk):
    return _log_entry_create(request, home_pk, "reg40")


@role_required(*MANAGERS)
def incident_create(request, home_pk):
    return _log_entry_create(request, home_pk, "incident")


# --------------------------------------------------------------------------- Regulation 45


def _review(request, pk):
    return get_object_or_404(selectors.reviews_for(request.user).select_related("home"), pk=pk)


@role_required(*MANAGERS)
def review_create(request, home_pk):
    home = _home(request, home_pk)
    form = forms.ReviewStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.start_review(home=home, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            return redirect("inspections:review_edit", pk=review.pk)
    return _form_page(
        request,
        form,
        title="Start a quality of care review",
        caption=home.name,
        back=reverse("inspections:home", args=[home.pk]),
        button="Start the review",
    )


@role_required(*READERS)
def review_detail(request, pk):
    review = _review(request, pk)
    return render(
        request,
        "inspections/review_detail.html",
        {
            **selectors.review_detail(review),
            "can_edit": review.status == Reg45Review.Status.DRAFT
            and has_role(request.user, *MANAGERS),
        },
    )


@role_required(*MANAGERS)
def review_edit(request, pk):
    review = _review(request, pk)
    if review.status != Reg45Review.Status.DRAFT:
        raise Http404("The review is completed")
    form = forms.ReviewForm(
        request.POST or None,
        initial={name: getattr(review, name) for name in forms.ReviewForm.base_fields},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_review(review, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "The review was saved.")
            return redirect("inspections:review_detail", pk=review.pk)
    return _form_page(
        request,
        form,
        title="Write the quality of care review",
        caption=str(review.home),
        back=reverse("inspections:review_detail", args=[review.pk]),
        button="Save the review",
    )


@require_POST
@role_required(*MANAGERS)
def review_complete(request, pk):
    review = _review(request, pk)
    try:
        services.complete_review(review, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, "The review was completed and its report stored.")
    return redirect("inspections:review_detail", pk=review.pk)


@role_required(*READERS)
def review_pdf(request, pk):
    review = _review(request, pk)
    name = f"reg45-{review.home.name}-{review.period_end:%Y-%m-%d}.pdf"
    return _pdf_response(request, review, review.report_pdf, pdf.review_report, name)
