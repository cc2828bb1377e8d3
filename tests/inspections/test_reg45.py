"""The six-monthly quality of care review: what it draws in, its lock, and its PDF."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from inspections import services
from placements.models import Outcome
from tests.factories import PlacementFactory
from tests.pdfs import pdf_rows

from .conftest import VISIT_DAY

START = VISIT_DAY - datetime.timedelta(days=170)
END = VISIT_DAY + datetime.timedelta(days=5)


@pytest.fixture
def review(home, draft, visitor, home_manager):
    services.add_recommendation(draft, by=visitor, text="Fix", owner="RM", due_date=VISIT_DAY)
    services.submit(draft, by=visitor)
    for kind in ("restraint", "restraint", "missing"):
        services.record_log_entry(
            services.Incident,
            home=home,
            by=home_manager,
            kind=kind,
            occurred_on=VISIT_DAY,
            summary="x",
        )
    PlacementFactory(
        home=home,
        start_date=START + datetime.timedelta(days=1),
        end_date=VISIT_DAY,
        outcome=Outcome.FOSTER_CARE,
    )
    PlacementFactory(home=home, start_date=START - datetime.timedelta(days=100))
    return services.start_review(home=home, by=home_manager, period_start=START, period_end=END)


def test_review_draws_in_the_period_and_completes_to_a_locked_pdf(review, home_manager):
    with pytest.raises(ValidationError, match="assessment"):
        services.complete_review(review, by=home_manager)
    services.update_review(
        review,
        by=home_manager,
        manager_assessment="Care is good and improving",
        improvement_plan="Train staff in de-escalation",
        children_views="Children feel listened to",
    )
    review = services.complete_review(review, by=home_manager)
    text = pdf_rows(review.report_pdf.read())
    for expected in (
        "Regulation 45 quality of care review",
        "Oak House",
        "Page 1 of",
        f"{VISIT_DAY:%-d %b %Y} Yes Yes 1 0",  # the visit: opinions, 1 recommendation, 0 done
        "Restraint or measure of control 2",
        "Missing episode 1",
        "Stays started 1",
        "Stays ended 1",
        "Foster care 1",
        "Care is good and improving",
        "Train staff in de-escalation",
        "Children feel listened to",
    ):
        assert expected in text, expected
    with pytest.raises(ValidationError, match="locked"):
        services.update_review(review, by=home_manager, improvement_plan="Changed")


def test_only_the_homes_manager_writes_its_review(review, visitor, home):
    with pytest.raises(PermissionDenied):
        services.start_review(home=home, by=visitor, period_start=START, period_end=END)
    with pytest.raises(PermissionDenied):
        services.update_review(review, by=visitor, improvement_plan="x")


def test_review_pages(client, review, home_manager, visitor):
    client.force_login(home_manager)
    client.post(
        reverse("inspections:review_edit", args=[review.pk]),
        {"manager_assessment": "Good", "improvement_plan": "Plan"},
    )
    client.post(reverse("inspections:review_complete", args=[review.pk]))
    review.refresh_from_db()
    assert review.status == "completed" and review.report_pdf
    client.force_login(visitor)
    page = client.get(reverse("inspections:review_detail", args=[review.pk]))
    assert "Stays started" in page.content.decode()


def test_review_period_must_run_forwards(client, home, home_manager):
    client.force_login(home_manager)
    response = client.post(
        reverse("inspections:review_create", args=[home.pk]),
        {
            "period_start_0": "1",
            "period_start_1": "6",
            "period_start_2": "2026",
            "period_end_0": "1",
            "period_end_1": "1",
            "period_end_2": "2026",
        },
    )
    assert "The period must end after it starts" in response.content.decode()
    assert not home.reg45_reviews.exists()
