"""The report as a PDF read back as text, the management command, and sending it by email."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from inspections import pdf, services
from tests.pdfs import pdf_text

from .conftest import VISIT_DAY


@pytest.fixture
def report(draft, visitor, home_manager, tmp_path):
    """A submitted report with a conversation, a recommendation, and a previous visit whose
    action the manager has completed."""
    earlier = services.start_visit(
        home=draft.home,
        by=visitor,
        visit_date=VISIT_DAY - datetime.timedelta(days=30),
        announced=True,
    )
    services.update_visit(
        earlier, by=visitor, findings={}, children_safeguarded="yes", promotes_wellbeing="no"
    )
    services.add_recommendation(
        earlier,
        by=visitor,
        text="Repair the broken kitchen window",
        owner="Registered manager",
        due_date=VISIT_DAY,
    )
    earlier = services.submit(earlier, by=visitor)
    services.respond(
        earlier.recommendations.get(),
        by=home_manager,
        response="Glazier booked",
        done=True,
        evidence="Invoice 4471 paid",
    )
    services.add_person(
        draft,
        by=visitor,
        kind="child",
        name="J.S.",
        consent=True,
        summary="Likes the new keyworker",
    )
    services.add_recommendation(
        draft,
        by=visitor,
        text="Review the night staffing rota",
        owner="Responsible individual",
        due_date=VISIT_DAY + datetime.timedelta(days=28),
    )
    return services.submit(draft, by=visitor)


def test_pdf_has_every_section_the_header_and_the_previous_progress(report, settings):
    text = pdf_text(report.report_pdf.read())
    for expected in (
        settings.COUNCIL_NAME,
        "Oak House",
        f"visit of {report.visit_date:%-d %B %Y}",
        "Page 1 of",
        "Are children effectively safeguarded? Yes",
        "J.S.",
        "Likes the new keyworker",
        "Restraint and measures of control",
        "Education (reg 8)",
        "All three attend school.",
        "Care planning (reg 14)",
        "Review the night staffing rota",
        "Responsible individual",
        f"{VISIT_DAY + datetime.timedelta(days=28):%-d %b %Y}",
        "Repair the broken kitchen window",
        "Invoice 4471 paid",
    ):
        assert expected in text, expected
    assert "NOT SUBMITTED" not in text


def test_draft_pdf_says_it_is_a_draft(draft):
    assert "DRAFT – NOT SUBMITTED" in pdf_text(pdf.visit_report(draft))


def test_command_writes_the_pdf(report, tmp_path):
    out = tmp_path / "visit.pdf"
    call_command("reg44_report", str(report.pk), "--out", str(out))
    assert out.read_bytes() == report.report_pdf.open("rb").read()
    assert "Oak House" in pdf_text(out.read_bytes())


def test_command_refuses_an_unknown_visit(db, tmp_path):
    with pytest.raises(CommandError, match="No Regulation 44 visit"):
        call_command("reg44_report", "999", "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_sending_emails_provider_managers_and_ofsted_and_records_the_date(
    report, visitor, home_manager, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REG44_PROVIDER_EMAIL = "provider@example.org"
    settings.REG44_OFSTED_EMAIL = "ofsted@example.org"
    visit = services.send_report(report, by=visitor)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"provider@example.org", home_manager.email, "ofsted@example.org"}
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    visit.refresh_from_db()
    assert visit.sent_at is not None and "ofsted@example.org" in visit.sent_to


def test_a_draft_cannot_be_sent(draft, visitor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(Exception, match="submitted"):
        services.send_report(draft, by=visitor)
    draft.refresh_from_db()
    assert draft.sent_at is None and not mail.outbox
