"""Writing Regulation 44 visits, their actions, the home's logs and Regulation 45 reviews.

Every rule is checked here, whichever page or command calls it: only the home's assigned
visitor writes a report, only a draft can change, a submitted report is locked (a correction is
a new version), only the home's manager answers its actions, and a done action has evidence.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from accounts.access import homes_managed_by, homes_visible_to, role_of
from accounts.models import Role
from audit import services as audit
from audit.capture import as_by
from audit.models import AuditEvent
from core.dates import today

from . import pdf
from .models import (
    Finding,
    Incident,
    Opinion,
    PersonSpokenTo,
    QualityStandard,
    Recommendation,
    RecordKind,
    Reg40Notification,
    Reg44Visit,
    Reg45Review,
)

VISIT_FIELDS = (
    "visit_date",
    "announced",
    "records_examined",
    "records_notes",
    "children_safeguarded",
    "safeguarding_opinion",
    "promotes_wellbeing",
    "wellbeing_opinion",
    "conflict_of_interest",
)
RESPONSE_FIELDS = ("manager_response", "responded_by", "responded_at", "done_at", "evidence")


def _check_visit_date(visit_date: datetime.date):
    if visit_date > today():
        raise ValidationError({"visit_date": "The visit date must be today or in the past."})


# --------------------------------------------------------------------------- Regulation 44 visits


def _require_assigned_visitor(home, by):
    if (
        role_of(by) != Role.INDEPENDENT_VISITOR
        or not homes_visible_to(by).filter(pk=home.pk).exists()
    ):
        raise PermissionDenied(
            "Only an independent visitor assigned to this home records its visits."
        )


def _locked_draft(visit: Reg44Visit, by) -> Reg44Visit:
    """The visit, locked for update, if it is still a draft and `by` is its visitor."""
    visit = Reg44Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.visitor_id != by.pk:
        raise PermissionDenied("Only the visitor who wrote this report may change it.")
    if not visit.is_draft:
        raise ValidationError(
            "This report has been submitted and is locked. Start a correction to change it."
        )
    return visit


@as_by
@transaction.atomic
def start_visit(*, home, by, visit_date: datetime.date, announced: bool) -> Reg44Visit:
    _require_assigned_visitor(home, by)
    _check_visit_date(visit_date)
    visit = Reg44Visit.objects.create(
        home=home, visitor=by, visit_date=visit_date, announced=announced
    )
    return visit


@as_by
@transaction.atomic
def update_visit(visit: Reg44Visit, *, by, findings: dict[str, str], **fields) -> Reg44Visit:
    """Change a draft's details, records examined, opinions and findings per Quality Standard."""
    visit = _locked_draft(visit, by)
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"Not report fields: {sorted(unknown)}")
    if "visit_date" in fields:
        _check_visit_date(fields["visit_date"])
    if set(fields.get("records_examined", [])) - set(RecordKind.values):
        raise ValidationError({"records_examined": "Choose records from the list."})
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.full_clean(exclude=["home", "visitor", "original", "corrects"])
    visit.save()
    _save_findings(visit, findings)
    return visit


def _save_findings(visit, findings: dict[str, str]) -> None:
    if set(findings) - set(QualityStandard.values):
        raise ValidationError("Findings must be against a Quality Standard.")
    existing = {f.standard: f for f in visit.findings.all()}
    for standard, text in findings.items():
        text = text.strip()
        finding = existing.get(standard)
        old = finding.text if finding else ""
        if text == old:
            continue
        if finding is None:
            Finding.objects.create(visit=visit, standard=standard, text=text)
        else:
            finding.text = text
            finding.save()


@as_by
@transaction.atomic
def add_person(
    visit, *, by, kind, name, consent=False, in_private=False, summary=""
) -> PersonSpokenTo:
    visit = _locked_draft(visit, by)
    name = name.strip()
    if kind == PersonSpokenTo.Kind.CHILD:
        errors = {}
        if " " in name or len(name) > 20:
            errors["name"] = "Give a child's first name or initials only, not their full name."
        if not consent:
            errors["consent"] = "A child is only reported on with their consent."
        if errors:
            raise ValidationError(errors)
    person = PersonSpokenTo(
        visit=visit, kind=kind, name=name, consent=consent, in_private=in_private, summary=summary
    )
    person.full_clean(exclude=["visit"])
    person.save()
    return person


@as_by
@transaction.atomic
def add_recommendation(visit, *, by, text, owner, due_date, standard="") -> Recommendation:
    visit = _locked_draft(visit, by)
    if due_date < visit.visit_date:
        raise ValidationError({"due_date": "The due date must be on or after the visit date."})
    recommendation = Recommendation(
        visit=visit, text=text, owner=owner, due_date=due_date, standard=standard
    )
    recommendation.full_clean(exclude=["visit"])
    recommendation.save()
    return recommendation


@as_by
@transaction.atomic
def submit(visit: Reg44Visit, *, by) -> Reg44Visit:
    """Lock the report, store its PDF and, for a correction, supersede the version it corrects."""
    visit = _locked_draft(visit, by)
    missing = {}
    if visit.children_safeguarded not in Opinion.values:
        missing["children_safeguarded"] = "Say whether children are effectively safeguarded."
    if visit.promotes_wellbeing not in Opinion.values:
        missing["promotes_wellbeing"] = "Say whether the home's conduct promotes well-being."
    if missing:
        raise ValidationError(missing)
    if visit.corrects_id:
        old = Reg44Visit.objects.select_for_update().get(pk=visit.corrects_id)
        old.status = Reg44Visit.Status.SUPERSEDED
        old.save()
        _carry_responses(visit)
    visit.status = Reg44Visit.Status.SUBMITTED
    visit.submitted_at = timezone.now()
    visit.save()
    visit.report_pdf.save(
        f"reg44-visit-{visit.pk}-v{visit.version_number}.pdf",
        ContentFile(pdf.visit_report(visit)),
        save=True,
    )
    return visit


def _carry_responses(visit):
    """The manager may have answered actions while the correction was drafted: keep their answers."""
    for rec in visit.recommendations.select_related(None).filter(copied_from__isnull=False):
        source = Recommendation.objects.get(pk=rec.copied_from_id)
        for name in RESPONSE_FIELDS:
            setattr(rec, name, getattr(source, name))
        rec.save()


@as_by
@transaction.atomic
def sign_off(visit: Reg44Visit, *, by) -> Reg44Visit:
    """The provider (an administrator) confirms it has received and read the submitted report."""
    if role_of(by) != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator signs off a report for the provider.")
    visit = Reg44Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Reg44Visit.Status.SUBMITTED:
        raise ValidationError("Only a submitted, current report can be signed off.")
    visit.status = Reg44Visit.Status.SIGNED_OFF
    visit.signed_off_by = by
    visit.signed_off_at = timezone.now()
    visit.save()
    return visit


@as_by
@transaction.atomic
def start_correction(visit: Reg44Visit, *, by, reason: str) -> Reg44Visit:
    """A new draft version copying a submitted report; the old one stays as it was."""
    visit = Reg44Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.visitor_id != by.pk:
        raise PermissionDenied("Only the visitor who wrote this report may correct it.")
    if not visit.is_current:
        raise ValidationError("Only the current submitted version can be corrected.")
    if Reg44Visit.objects.filter(corrects=visit).exists():
        raise ValidationError("A correction of this report is already in progress.")
    if not reason.strip():
        raise ValidationError({"reason": "Say what the correction is for."})
    new = Reg44Visit.objects.create(
        **{name: getattr(visit, name) for name in VISIT_FIELDS},
        home=visit.home,
        visitor=visit.visitor,
        version_number=visit.version_number + 1,
        original_id=visit.original_id or visit.pk,
        corrects=visit,
        correction_reason=reason.strip(),
    )
    for person in visit.people.all():
        person.pk = None
        person.visit = new
        person.version = 1
        person.save(force_insert=True)
    for finding in visit.findings.all():
        Finding.objects.create(visit=new, standard=finding.standard, text=finding.text)
    for rec in visit.recommendations.all():
        Recommendation.objects.create(
            visit=new,
            text=rec.text,
            owner=rec.owner,
            due_date=rec.due_date,
            standard=rec.standard,
            copied_from=rec,
            **{name: getattr(rec, name) for name in RESPONSE_FIELDS},
        )
    return new


def report_recipients(visit: Reg44Visit) -> list[str]:
    """Regulation 44(7): the registered provider, the home's managers and Ofsted."""
    managers = visit.home.managers.exclude(email="").values_list("email", flat=True)
    addresses = [settings.REG44_PROVIDER_EMAIL, *managers, settings.REG44_OFSTED_EMAIL]
    return list(dict.fromkeys(a for a in addresses if a))


@as_by
@transaction.atomic
def send_report(visit: Reg44Visit, *, by) -> Reg44Visit:
    visit = Reg44Visit.objects.select_for_update().select_related("home").get(pk=visit.pk)
    if by.pk != visit.visitor_id and role_of(by) != Role.ADMINISTRATOR:
        raise PermissionDenied("Only the report's visitor or an administrator sends it.")
    if not visit.is_current or not visit.report_pdf:
        raise ValidationError("Only a submitted, current report can be sent.")
    recipients = report_recipients(visit)
    if not recipients:
        raise ValidationError("No addresses to send the report to: set them in the settings.")
    message = EmailMessage(
        subject=f"{settings.COUNCIL_NAME}: {visit}",
        body=(
            f"The independent person's report of the Regulation 44 visit to {visit.home} on "
            f"{visit.visit_date:%d %B %Y} is attached."
        ),
        to=recipients,
    )
    with visit.report_pdf.open("rb") as report:
        message.attach(visit.report_pdf.name.rsplit("/", 1)[-1], report.read(), "application/pdf")
    message.send()
    visit.sent_at = timezone.now()
    visit.sent_to = ", ".join(recipients)
    visit.save()
    audit.record(AuditEvent.Action.EXPORT, visit, user=by, changes={"sent_to": ["", visit.sent_to]})
    return visit


@as_by
@transaction.atomic
def respond(recommendation: Recommendation, *, by, response: str, done: bool, evidence: str = ""):
    """The home's manager answers an action and, with evidence, marks it done."""
    rec = (
        Recommendation.objects.select_for_update().select_related("visit").get(pk=recommendation.pk)
    )
    if not homes_managed_by(by).filter(pk=rec.visit.home_id).exists():
        raise PermissionDenied("Only the home's manager responds to its actions.")
    if not rec.visit.is_current:
        raise ValidationError("Respond on the current version of the report.")
    if rec.is_done:
        raise ValidationError("This action is already done.")
    if not response.strip():
        raise ValidationError({"response": "Enter your response."})
    if done and not evidence.strip():
        raise ValidationError({"evidence": "Say what shows the action is done."})
    rec.manager_response = response.strip()
    rec.responded_by = by
    rec.responded_at = timezone.now()
    if done:
        rec.done_at = rec.responded_at
        rec.evidence = evidence.strip()
    rec.save()
    return rec


# --------------------------------------------------------------------------- the home's logs


def _require_manager(home, by):
    if not homes_managed_by(by).filter(pk=home.pk).exists():
        raise PermissionDenied("Only the home's manager or an administrator records this.")


@as_by
@transaction.atomic
def record_log_entry(model, *, home, by, **fields):
    """Add a Regulation 40 notification or an incident to the home's log."""
    if model not in (Reg40Notification, Incident):
        raise TypeError(model)
    _require_manager(home, by)
    if fields["occurred_on"] > today():
        raise ValidationError({"occurred_on": "The date must be today or in the past."})
    entry = model(home=home, recorded_by=by, **fields)
    entry.full_clean(exclude=["home", "recorded_by"])
    entry.save()
    return entry


# --------------------------------------------------------------------------- Regulation 45


def _editable_review(review, by) -> Reg45Review:
    review = Reg45Review.objects.select_for_update().get(pk=review.pk)
    _require_manager(review.home, by)
    if review.status != Reg45Review.Status.DRAFT:
        raise ValidationError("This review is completed and locked.")
    return review


@as_by
@transaction.atomic
def start_review(*, home, by, period_start, period_end) -> Reg45Review:
    _require_manager(home, by)
    if period_end <= period_start:
        raise ValidationError({"period_end": "The period must end after it starts."})
    review = Reg45Review.objects.create(
        home=home, author=by, period_start=period_start, period_end=period_end
    )
    return review


@as_by
@transaction.atomic
def update_review(review, *, by, **fields) -> Reg45Review:
    review = _editable_review(review, by)
    for name in ("children_views", "manager_assessment", "improvement_plan"):
        if name in fields:
            setattr(review, name, fields[name])
    review.save()
    return review


@as_by
@transaction.atomic
def complete_review(review, *, by) -> Reg45Review:
    review = _editable_review(review, by)
    if not review.manager_assessment.strip() or not review.improvement_plan.strip():
        raise ValidationError("Write the manager's assessment and the improvement plan first.")
    review.status = Reg45Review.Status.COMPLETED
    review.completed_at = timezone.now()
    review.save()
    review.report_pdf.save(
        f"reg45-review-{review.pk}.pdf", ContentFile(pdf.review_report(review)), save=True
    )
    return review
