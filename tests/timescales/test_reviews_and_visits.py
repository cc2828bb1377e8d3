"""Looked-after reviews across the Easter and May 2025 bank holidays; visits; placement plans."""

import datetime

import pytest

from tests.factories import HomeFactory
from timescales import services
from timescales.models import Alert, LookedAfterReview, PlacementPlan, SocialWorkerVisit

D = datetime.date


def open_alert(rule):
    return Alert.objects.filter(rule=rule, resolved_on=None).first()


@pytest.mark.django_db
def test_review_clocks_count_working_days_across_easter_and_may_bank_holidays(place):
    # Looked after from Monday 14 April 2025. Twenty working days skip Good Friday (18 April),
    # Easter Monday (21 April) and the early May bank holiday (5 May): due Thursday 15 May,
    # not Monday 12 May as plain weekdays would give.
    stay = place(HomeFactory(), D(2025, 4, 14))
    rule = "looked_after_review_due"

    services.run_day(D(2025, 4, 30))
    assert open_alert(rule) is None  # more than 14 days before it is due
    services.run_day(D(2025, 5, 1))
    first = open_alert(rule)
    assert (first.due, first.child_id) == (D(2025, 5, 15), stay.child_id)
    assert "first looked-after review is due by 15/05/2025" in first.summary

    # Held on time: the alert closes; the second is due 3 months after the first.
    LookedAfterReview.objects.create(child=stay.child, held_on=D(2025, 5, 14))
    services.run_day(D(2025, 5, 15))
    first.refresh_from_db()
    assert first.resolved_on == D(2025, 5, 15)
    assert open_alert(rule) is None

    services.run_day(D(2025, 7, 31))
    second = open_alert(rule)
    assert second.due == D(2025, 8, 14) and "second" in second.summary

    # Missed: still open and now overdue; held late, then every 6 months from that review.
    services.run_day(D(2025, 8, 20))
    assert open_alert(rule).pk == second.pk
    LookedAfterReview.objects.create(child=stay.child, held_on=D(2025, 8, 20))
    services.run_day(D(2025, 8, 21))
    assert open_alert(rule) is None
    services.run_day(D(2026, 2, 6))
    third = open_alert(rule)
    assert third.due == D(2026, 2, 20) and "next" in third.summary


@pytest.mark.django_db
def test_visits_within_a_week_then_six_weekly_then_three_monthly_for_a_long_term_stay(place):
    stay = place(HomeFactory(), D(2026, 3, 2))
    rule = "social_worker_visit_due"

    services.run_day(D(2026, 3, 2))
    assert open_alert(rule).due == D(2026, 3, 9)

    SocialWorkerVisit.objects.create(child=stay.child, visited_on=D(2026, 3, 5))
    services.run_day(D(2026, 3, 6))
    assert open_alert(rule) is None
    services.run_day(D(2026, 4, 9))
    assert open_alert(rule).due == D(2026, 4, 16)  # 6 weeks after 5 March

    # Past the first year of a placement meant to last until 18: 3 months between visits.
    PlacementPlan.objects.create(placement=stay, completed_on=D(2026, 3, 2), lasts_until_18=True)
    SocialWorkerVisit.objects.create(child=stay.child, visited_on=D(2027, 3, 10))
    services.run_day(D(2027, 3, 11))
    assert open_alert(rule) is None
    services.run_day(D(2027, 6, 3))
    assert open_alert(rule).due == D(2027, 6, 10)


@pytest.mark.django_db
def test_an_emergency_placement_needs_its_plan_within_five_working_days(place):
    # Thursday 17 April 2025: Good Friday and Easter Monday do not count.
    stay = place(HomeFactory(), D(2025, 4, 17))
    planned = place(HomeFactory(), D(2025, 4, 17))
    PlacementPlan.objects.create(placement=planned, completed_on=D(2025, 4, 16))
    rule = "placement_plan_due"

    services.run_day(D(2025, 4, 22))
    alert = Alert.objects.get(rule=rule)
    assert (alert.subject_id, alert.due) == (stay.pk, D(2025, 4, 28))

    PlacementPlan.objects.create(placement=stay, completed_on=D(2025, 4, 25))
    services.run_day(D(2025, 4, 25))
    alert.refresh_from_db()
    assert alert.resolved_on == D(2025, 4, 25)
