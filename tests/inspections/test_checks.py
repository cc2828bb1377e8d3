"""The daily checks registered with timescales: overdue actions, late reports, the monthly
visit and the six-monthly review."""

import datetime

import pytest

from inspections import checks, services
from inspections.models import Reg44Visit, Reg45Review
from tests.factories import HomeFactory
from timescales.registry import CHECKS

from .conftest import VISIT_DAY

DAY = VISIT_DAY + datetime.timedelta(days=10)


def _subjects(result):
    return {(c.home_id, c.key) for c in result.conditions}


def test_checks_are_registered():
    assert {
        "reg44_action_overdue",
        "reg44_report_late",
        "reg44_visit_due",
        "reg45_review_due",
    } <= set(CHECKS)


def test_overdue_action_tells_the_homes_manager_until_it_is_done(draft, visitor, home_manager):
    services.add_recommendation(
        draft, by=visitor, text="Fix", owner="RM", due_date=DAY - datetime.timedelta(days=1)
    )
    services.add_recommendation(draft, by=visitor, text="Later", owner="RM", due_date=DAY)
    services.submit(draft, by=visitor)
    overdue, not_yet = draft.recommendations.order_by("due_date")
    result = checks.action_overdue(DAY)
    assert _subjects(result) == {(draft.home_id, f"action-{overdue.pk}")}
    assert result.conditions[0].recipients == {home_manager.pk}
    services.respond(overdue, by=home_manager, response="Done", done=True, evidence="Receipt")
    assert checks.action_overdue(DAY).conditions == []


def test_a_draft_action_is_not_overdue(draft, visitor):
    services.add_recommendation(draft, by=visitor, text="Fix", owner="RM", due_date=VISIT_DAY)
    assert checks.action_overdue(DAY).conditions == []


def test_late_report_tells_its_visitor(draft, visitor, settings):
    settings.REG44_REPORT_DEADLINE_DAYS = 5
    result = checks.report_late(VISIT_DAY + datetime.timedelta(days=6))
    assert _subjects(result) == {(draft.home_id, f"report-{draft.pk}")}
    assert result.conditions[0].recipients == {visitor.pk}
    assert checks.report_late(VISIT_DAY + datetime.timedelta(days=5)).conditions == []
    services.submit(draft, by=visitor)
    assert checks.report_late(VISIT_DAY + datetime.timedelta(days=6)).conditions == []


@pytest.mark.parametrize("homes", [1, 6])
def test_monthly_visit_due_from_the_set_day(
    home, visitor, home_manager, settings, homes, django_assert_max_num_queries
):
    settings.REG44_VISIT_DUE_DAY = 20
    for _ in range(homes - 1):
        HomeFactory()
    day = datetime.date(2026, 3, 20)
    assert checks.visit_due(datetime.date(2026, 3, 19)).conditions == []
    with django_assert_max_num_queries(3):
        result = checks.visit_due(day)
    assert len(result.conditions) == homes
    mine = next(c for c in result.conditions if c.home_id == home.pk)
    assert mine.recipients == {visitor.pk, home_manager.pk} and mine.due == datetime.date(
        2026, 3, 31
    )
    Reg44Visit.objects.create(home=home, visitor=visitor, visit_date=datetime.date(2026, 3, 2))
    assert home.pk not in {c.home_id for c in checks.visit_due(day).conditions}


def test_reg45_review_due_six_months_after_the_last(home, home_manager):
    day = datetime.date(2026, 6, 1)
    home.opened_on = datetime.date(2010, 1, 1)
    home.save()
    assert {c.home_id for c in checks.review_due(day).conditions} == {home.pk}
    Reg45Review.objects.create(
        home=home,
        author=home_manager,
        status="completed",
        period_start=datetime.date(2025, 11, 1),
        period_end=datetime.date(2026, 4, 30),
    )
    assert checks.review_due(day).conditions == []
    result = checks.review_due(datetime.date(2026, 10, 10))
    assert result.conditions[0].due == datetime.date(2026, 10, 30)
    assert result.conditions[0].recipients == {home_manager.pk}


def test_external_homes_are_their_providers_to_visit_and_review(home, settings):
    """Reg 44 visits and Reg 45 reviews of an external home are its provider's duty."""
    settings.REG44_VISIT_DUE_DAY = 20
    external = HomeFactory(provision="external", provider_name="Pines Care Ltd")
    day = datetime.date(2026, 3, 20)
    assert external.pk not in {c.home_id for c in checks.visit_due(day).conditions}
    assert external.pk not in {c.home_id for c in checks.review_due(day).conditions}
    assert home.pk in {c.home_id for c in checks.visit_due(day).conditions}
