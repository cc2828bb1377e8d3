"""Regulation 44 visits and reports, their actions, the home's logs and Regulation 45 reviews.

Each view checks the role, then finds the record inside the caller's scope (selectors), so a
record outside it is a 404. The rules themselves are in services.
"""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import has_role, role_required
from accounts.models import Role
from audit import exports
from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from core.lists import filtered, page_of

from . import answers, forms, pdf, selectors, services
from .filters import ACTIONS, VISITS, ActionFilter, VisitFilter
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


def _form_page(request, form, save, *, done, title, caption, back, button, success="", extra=None):
    """Show `form`; on a valid post call `save(cleaned_data)` and go to `done(record)`.

    A refusal from the service is shown on the form, and nothing is saved.
    """
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            if success:
                messages.success(request, success)
            return redirect(done(record))
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back": back,
        "button": button,
        **(extra or {}),
    }
    return render(request, "inspections/form.html", context)


def _url(name):
    """`done` for _form_page: the named page of the saved record."""
    return lambda record: reverse(f"inspections:{name}", args=[record.pk])


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
def index(request, fmt=None):
    listing = filtered(request, VisitFilter, selectors.visit_list(request.user))
    if fmt:
        return exports.download(request, fmt, VISITS, listing.qs, chosen=listing.chosen)
    return render(
        request,
        "inspections/index.html",
        {
            "listing": listing,
            "page": page_of(request, listing.qs),
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
            "page": page_of(request, visits, PAGE_SIZE),
            "reviews": selectors.reviews_for(request.user).filter(home=home)[:PAGE_SIZE],
            "can_record_visit": has_role(request.user, IV),
            "can_manage": has_role(request.user, *MANAGERS),
            "logs": selectors.home_logs(home),
        },
    )


@role_required(*READERS)
def actions(request, fmt=None):
    listing = filtered(request, ActionFilter, selectors.actions_for(request.user))
    if fmt:
        return exports.download(request, fmt, ACTIONS, listing.qs, chosen=listing.chosen)
    return render(
        request,
        "inspections/actions.html",
        {
            "listing": listing,
            "page": page_of(request, listing.qs),
            "today": today(),
            "can_respond": has_role(request.user, *MANAGERS),
        },
    )


# --------------------------------------------------------------------------- Regulation 44 visits


def _start_for_home(request, home_pk, form_class, start, *, edit, title, button):
    """Start a Regulation 44 visit or 45 review at one of the caller's homes, then edit it."""
    home = _home(request, home_pk)
    return _form_page(
        request,
        form_class(request.POST or None),
        lambda data: start(home=home, by=request.user, **data),
        done=_url(edit),
        title=title,
        caption=home.name,
        back=reverse("inspections:home", args=[home.pk]),
        button=button,
    )


@role_required(IV)
def visit_create(request, home_pk):
    return _start_for_home(
        request,
        home_pk,
        forms.VisitStartForm,
        services.start_visit,
        edit="visit_edit",
        title="Record a visit",
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
    return _form_page(
        request,
        form,
        lambda data: services.update_visit(
            visit, by=request.user, findings=form.findings(), **form.report_fields()
        ),
        done=_url("visit_detail"),
        success="The report was saved.",
        title="Write the report",
        caption=f"{visit.home} – draft",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Save the report",
        extra={"logs": selectors.home_logs(visit.home), "logs_home": visit.home},
    )


def _draft_part(request, pk, form_class, add, *, title, success):
    """Add a conversation or a recommendation to the caller's own draft."""
    visit = _own_draft(request, pk)
    return _form_page(
        request,
        form_class(request.POST or None),
        lambda data: add(visit, by=request.user, **data),
        done=lambda _: reverse("inspections:visit_detail", args=[visit.pk]),
        success=success,
        title=title,
        caption=f"{visit.home} – draft",
        back=reverse("inspections:visit_detail", args=[visit.pk]),
        button="Add",
    )


@role_required(IV)
def person_add(request, pk):
    return _draft_part(
        request,
        pk,
        forms.PersonForm,
        services.add_person,
        title="Add someone you spoke to",
        success="The conversation was added.",
    )


@role_required(IV)
def recommendation_add(request, pk):
    return _draft_part(
        request,
        pk,
        forms.RecommendationForm,
        services.add_recommendation,
        title="Add a recommendation",
        success="The recommendation was added.",
    )


def _post_action(request, record, action, success, page="visit_detail"):
    """Run a one-button action; a refusal comes back as a message on the record's page."""
    try:
        action(record, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect(f"inspections:{page}", pk=record.pk)


@role_required(IV)
@require_http_methods(["GET", "POST"])
def visit_submit(request, pk):
    """Check your answers, then submit: once submitted the report is locked."""
    visit = _own_draft(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.submit(visit, by=request.user)
        except ValidationError as exc:
            errors = answers.refusal_links(visit, exc)
        else:
            messages.success(request, "The report was submitted and locked.")
            return redirect("inspections:visit_detail", pk=visit.pk)
    people = list(visit.people.all())
    rows = answers.report_answers(visit, people, selectors.finding_texts(visit))
    return render(
        request,
        "inspections/visit_check.html",
        {"visit": visit, "answers": rows, "errors": errors},
    )


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
    return _form_page(
        request,
        forms.CorrectionForm(request.POST or None),
        lambda data: services.start_correction(visit, by=request.user, **data),
        done=_url("visit_edit"),
        success="A corrected version was started as a draft.",
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
    return _form_page(
        request,
        forms.ResponseForm(request.POST or None, initial={"response": rec.manager_response}),
        lambda data: services.respond(rec, by=request.user, **data),
        done=lambda rec: reverse("inspections:visit_detail", args=[rec.visit_id]),
        success="Your response was saved.",
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
    return _form_page(
        request,
        form_class(request.POST or None),
        lambda data: services.record_log_entry(model, home=home, by=request.user, **data),
        done=lambda _: reverse("inspections:home", args=[home.pk]),
        success="It was recorded.",
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
    return _start_for_home(
        request,
        home_pk,
        forms.ReviewStartForm,
        services.start_review,
        edit="review_edit",
        title="Start a quality of care review",
        button="Start the review",
    )


@role_required(*READERS)
def review_detail(request, pk):
    review = _review(request, pk)
    audit.record(AuditEvent.Action.VIEW, review, user=request.user)
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
    initial = {name: getattr(review, name) for name in forms.ReviewForm.base_fields}
    return _form_page(
        request,
        forms.ReviewForm(request.POST or None, initial=initial),
        lambda data: services.update_review(review, by=request.user, **data),
        done=_url("review_detail"),
        success="The review was saved.",
        title="Write the quality of care review",
        caption=str(review.home),
        back=reverse("inspections:review_detail", args=[review.pk]),
        button="Save the review",
    )


@require_POST
@role_required(*MANAGERS)
def review_complete(request, pk):
    return _post_action(
        request,
        _review(request, pk),
        services.complete_review,
        "The review was completed and its report stored.",
        page="review_detail",
    )


@role_required(*READERS)
def review_pdf(request, pk):
    review = _review(request, pk)
    name = f"reg45-{review.home.name}-{review.period_end:%Y-%m-%d}.pdf"
    return _pdf_response(request, review, review.report_pdf, pdf.review_report, name)
