"""Regulation 44 visits on time and open recommendations, counted by hand."""

import datetime

import pytest
from django.utils import timezone

from inspections.models import Recommendation, Reg44Visit
from reporting import periods
from reporting.measures import quality
from tests.factories import UserFactory

from . import council

D = datetime.date


def _visit(home, day, status=Reg44Visit.Status.SUBMITTED):
    return Reg44Visit.objects.create(
        home=home,
        visitor=UserFactory(role="independent_visitor"),
        visit_date=day,
        status=status,
        submitted_at=None if status == Reg44Visit.Status.DRAFT else timezone.now(),
    )


def _recommendation(visit, due, done_on=None):
    return Recommendation.objects.create(
        visit=visit,
        text="Review the missing-from-care protocol",
        owner="Registered manager",
        due_date=due,
        evidence="Protocol reviewed" if done_on else "",
        done_at=timezone.make_aware(datetime.datetime.combine(done_on, datetime.time(12)))
        if done_on
        else None,
    )


@pytest.fixture
def visits(db):
    town = council.build()
    a, c = town.homes["A"], town.homes["C"]  # the council's own homes; B and D are external
    september = _visit(a, D(2026, 9, 10))
    august_draft = _visit(c, D(2026, 8, 30), status=Reg44Visit.Status.DRAFT)
    october = _visit(a, D(2026, 10, 25))
    june = _visit(a, D(2026, 6, 1))
    _recommendation(september, due=D(2026, 10, 10))  # open, 51 days old, overdue
    _recommendation(september, due=D(2026, 10, 10), done_on=D(2026, 10, 5))  # done
    _recommendation(august_draft, due=D(2026, 9, 30))  # draft report: not counted
    _recommendation(october, due=D(2026, 11, 30))  # open, 6 days old
    _recommendation(june, due=D(2026, 7, 1))  # open, 152 days old, overdue
    return town


def test_visits_on_time_count_each_home_month_due(visits):
    assert quality.reg44_visits(periods.month(2026, 9)) == {"due": 2, "on_time": 1}
    assert quality.reg44_visits(periods.quarter(2026, 3)) == {"due": 6, "on_time": 2}
    # Cedar Court closed on 16 October, so October has one home-month due.
    assert quality.reg44_visits(periods.month(2026, 10)) == {"due": 1, "on_time": 1}


def test_open_recommendations_by_age(visits):
    assert quality.reg44_recommendations(periods.month(2026, 10)) == {
        "under 1 month": 1,
        "1 to 3 months": 1,
        "over 3 months": 1,
        "overdue": 2,
        "open": 3,
    }
