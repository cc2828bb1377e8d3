"""Draft, submit, lock, correct and sign off a Regulation 44 report through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inspections import services
from inspections.models import PersonSpokenTo, Reg44Visit

from .conftest import VISIT_DAY, complete_draft


def test_visitor_not_assigned_to_the_home_cannot_record_a_visit(home, other_visitor):
    with pytest.raises(PermissionDenied):
        services.start_visit(home=home, by=other_visitor, visit_date=VISIT_DAY, announced=True)
    assert not Reg44Visit.objects.exists()


def test_a_visit_in_the_future_is_refused(home, visitor):
    with pytest.raises(ValidationError):
        services.start_visit(
            home=home,
            by=visitor,
            visit_date=datetime.date.today() + datetime.timedelta(days=1),
            announced=True,
        )


def test_child_is_reported_by_first_name_or_initials_with_consent(draft, visitor):
    with pytest.raises(ValidationError) as full_name:
        services.add_person(draft, by=visitor, kind="child", name="Jamie Smith", consent=True)
    assert "first name or initials" in str(full_name.value)
    with pytest.raises(ValidationError) as no_consent:
        services.add_person(draft, by=visitor, kind="child", name="J.S.")
    assert "consent" in str(no_consent.value)
    services.add_person(draft, by=visitor, kind="child", name="J.S.", consent=True)
    services.add_person(draft, by=visitor, kind="staff", name="Night care worker")
    assert list(draft.people.values_list("name", flat=True)) == ["J.S.", "Night care worker"]


def test_submission_needs_both_opinions(home, visitor):
    visit = services.start_visit(home=home, by=visitor, visit_date=VISIT_DAY, announced=False)
    with pytest.raises(ValidationError) as refused:
        services.submit(visit, by=visitor)
    assert set(refused.value.message_dict) == {"children_safeguarded", "promotes_wellbeing"}
    visit.refresh_from_db()
    assert visit.is_draft and not visit.report_pdf


def test_submitted_report_is_locked_and_stored(draft, visitor):
    visit = services.submit(draft, by=visitor)
    assert visit.status == Reg44Visit.Status.SUBMITTED
    assert visit.report_pdf.read(4) == b"%PDF"
    for change in (
        lambda: complete_draft(visit, visitor, safeguarding_opinion="Changed"),
        lambda: services.add_person(visit, by=visitor, kind="staff", name="Cook"),
        lambda: services.add_recommendation(
            visit, by=visitor, text="x", owner="RM", due_date=VISIT_DAY
        ),
        lambda: services.submit(visit, by=visitor),
    ):
        with pytest.raises(ValidationError, match="locked"):
            change()
    visit.refresh_from_db()
    assert visit.safeguarding_opinion == "Staff know the children well."
    assert not PersonSpokenTo.objects.exists()


def test_correction_is_a_new_version_and_the_old_one_is_kept(draft, visitor, home_manager):
    services.add_recommendation(
        draft,
        by=visitor,
        text="Update the missing-from-care protocol",
        owner="RM",
        due_date=VISIT_DAY + datetime.timedelta(days=30),
    )
    first = services.submit(draft, by=visitor)
    correction = services.start_correction(first, by=visitor, reason="Wrong date of a restraint")
    assert correction.is_draft and correction.version_number == 2
    assert correction.corrects == first and correction.original == first
    # While the correction is drafted the manager answers the action on the current version.
    action = first.recommendations.get()
    services.respond(
        action,
        by=home_manager,
        response="Protocol rewritten",
        done=True,
        evidence="New protocol dated this week",
    )
    complete_draft(correction, visitor, safeguarding_opinion="Corrected opinion")
    services.submit(correction, by=visitor)

    first.refresh_from_db()
    correction.refresh_from_db()
    assert first.status == Reg44Visit.Status.SUPERSEDED
    assert first.safeguarding_opinion == "Staff know the children well."
    assert correction.safeguarding_opinion == "Corrected opinion"
    carried = correction.recommendations.get()
    assert carried.is_done and carried.evidence == "New protocol dated this week"
    assert list(Reg44Visit.objects.current()) == [correction]


def test_only_the_current_version_can_be_corrected_once(draft, visitor):
    first = services.submit(draft, by=visitor)
    services.start_correction(first, by=visitor, reason="Typo")
    with pytest.raises(ValidationError, match="already in progress"):
        services.start_correction(first, by=visitor, reason="Another")
    with pytest.raises(ValidationError):
        services.start_correction(first, by=visitor, reason="   ")


def test_administrator_signs_off_a_submitted_report(draft, visitor, administrator):
    with pytest.raises(ValidationError):
        services.sign_off(draft, by=administrator)
    visit = services.submit(draft, by=visitor)
    with pytest.raises(PermissionDenied):
        services.sign_off(visit, by=visitor)
    visit = services.sign_off(visit, by=administrator)
    assert visit.status == Reg44Visit.Status.SIGNED_OFF and visit.signed_off_by == administrator
