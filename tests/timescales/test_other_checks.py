"""Birthdays, carer reviews and short breaks; who is told; fixed queries on two data sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from placements.models import Placement
from tests.factories import (
    CareLeaverFactory,
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
    home_type,
)
from timescales import services
from timescales.models import Alert
from timescales.registry import CHECKS

D = datetime.date


def alerts(rule):
    return {(a.subject_id, a.key, a.due) for a in Alert.objects.filter(rule=rule, resolved_on=None)}


@pytest.mark.django_db
def test_birthdays_that_change_the_plan(place, social_worker):
    day = D(2026, 6, 1)
    sixteen = place(HomeFactory(), D(2026, 1, 5), date_of_birth=D(2010, 6, 20)).child
    eighteen = place(HomeFactory(), D(2026, 1, 5), date_of_birth=D(2008, 6, 10)).child
    adviser = UserFactory(username="pa", role="personal_adviser")
    leaver = CareLeaverFactory(child__date_of_birth=D(2005, 6, 15), personal_adviser=adviser).child

    services.run_day(day)

    assert alerts("pathway_plan_due") == {(sixteen.pk, "16", D(2026, 9, 20))}
    assert alerts("care_leaver_adviser_needed") == {(eighteen.pk, "18", D(2026, 6, 10))}
    assert alerts("care_leaver_entitlement_ends") == {(leaver.pk, "21", D(2026, 6, 15))}
    assert Notification.objects.get(alert__rule="care_leaver_entitlement_ends").user == adviser
    # 18 is older than a residential home takes (max age 17) from the 18th birthday on.
    assert alerts("too_old_for_home") == set()
    services.run_day(D(2026, 6, 10))
    assert {a.child_id for a in Alert.objects.filter(rule="too_old_for_home")} == {eighteen.pk}


@pytest.mark.django_db
def test_carer_annual_review_goes_to_the_supervising_social_worker(social_worker, administrator):
    due_soon = CarerHouseholdFactory(
        approved_on=D(2020, 1, 1),
        last_review_on=D(2025, 6, 20),
        supervising_social_worker=social_worker,
    )
    CarerHouseholdFactory(approved_on=D(2020, 1, 1), last_review_on=D(2026, 3, 1))
    unsupervised = CarerHouseholdFactory(approved_on=D(2025, 5, 1))

    services.run_day(D(2026, 6, 1))

    assert alerts("carer_review_due") == {
        (due_soon.pk, "2025-06-20", D(2026, 6, 20)),
        (unsupervised.pk, "2025-05-01", D(2026, 5, 1)),
    }
    told = {
        (n.alert.subject_id, n.user_id)
        for n in Notification.objects.filter(alert__rule="carer_review_due")
    }
    assert told == {(due_soon.pk, social_worker.pk), (unsupervised.pk, administrator.pk)}


@pytest.mark.django_db
def test_short_breaks_over_17_days_or_75_days_in_12_months(social_worker):
    hub = HomeFactory(home_type=home_type("complex-needs"), beds=4)
    child = ChildFactory(social_worker=social_worker)
    # Six earlier breaks of 12 days (72 days) in the last 12 months, then one now.
    for month in range(7, 13):
        start = D(2025, month, 1)
        PlacementFactory(
            child=child,
            home=hub,
            is_short_break=True,
            start_date=start,
            end_date=start + datetime.timedelta(days=12),
        )
    current = PlacementFactory(child=child, home=hub, is_short_break=True, start_date=D(2026, 5, 1))

    services.run_day(D(2026, 5, 3))  # 72 + 3 days (1, 2 and 3 May): not over 75
    assert alerts("short_breaks_over_75_days") == set()
    services.run_day(D(2026, 5, 4))
    assert alerts("short_breaks_over_75_days") == {(child.pk, "", D(2026, 5, 4))}
    assert alerts("short_break_too_long") == set()
    services.run_day(D(2026, 5, 19))
    assert alerts("short_break_too_long") == {(current.pk, "", D(2026, 5, 18))}

    Placement.objects.filter(pk=current.pk).update(end_date=D(2026, 5, 19))
    services.run_day(D(2026, 5, 20))
    assert alerts("short_break_too_long") == set()


# Checks other apps register (inspections) are tested with their own data there.
OWN_CHECKS = {r: c for r, c in CHECKS.items() if c.run.__module__.startswith("timescales.")}


def _council(size, social_worker):
    """`size` children in each state the checks look for."""
    safe_space = HomeFactory(home_type=home_type("safe-space"), beds=size * 2)
    residential = HomeFactory(beds=size * 4)
    hub = HomeFactory(home_type=home_type("complex-needs"), beds=size)
    for _ in range(size):
        for start in (D(2026, 4, 1), D(2026, 5, 6)):  # past the limit; 2 days before it
            PlacementFactory(
                home=safe_space,
                start_date=start,
                child__social_worker=social_worker,
                planned_end_date=start + datetime.timedelta(days=28),
                child__date_of_birth=D(2010, 6, 20),
            )
        PlacementFactory(
            home=residential, start_date=D(2025, 1, 6), child__date_of_birth=D(2008, 6, 1)
        )
        PlacementFactory(home=hub, is_short_break=True, start_date=D(2026, 3, 1))
        CarerHouseholdFactory(approved_on=D(2025, 5, 1))
        CareLeaverFactory(child__date_of_birth=D(2001, 6, 10))


@pytest.mark.django_db
def test_each_check_runs_the_same_queries_for_2_or_12_of_everything(social_worker, administrator):
    counts = {}
    for size in (2, 12):
        Alert.objects.update(resolved_on=D(2026, 1, 1))  # a fresh start for each size
        _council(size, social_worker)
        for rule, check in OWN_CHECKS.items():
            with CaptureQueriesContext(connection) as queries:
                result = services.run_check(check, D(2026, 6, 1))
            assert result["found"] >= size, rule  # every check found every child of its kind
            counts.setdefault(rule, []).append(len(queries))
    assert {rule: n for rule, n in counts.items() if n[0] != n[1]} == {}
