"""A Safe Space stay driven day by day through the checks: warnings, breach, extension, move."""

import datetime

import pytest
import time_machine

from notifications.models import Notification
from placements import services as placements
from tests.factories import CarerHouseholdFactory
from timescales import services
from timescales.models import Alert

START = datetime.date(2026, 3, 2)  # day 0 of the stay; the 28-day limit is day 28 (30 March)


def day(n):
    return START + datetime.timedelta(days=n)


def run(n):
    with time_machine.travel(datetime.datetime.combine(day(n), datetime.time(6)), tick=False):
        services.run_day(day(n))


def opened_on(rule):
    return {
        (a.opened_on - START).days: a.key.split(":")[0] for a in Alert.objects.filter(rule=rule)
    }


def told(user, rule):
    return sorted(
        (n.day - START).days for n in Notification.objects.filter(user=user, alert__rule=rule)
    )


@pytest.mark.django_db
def test_a_safe_space_stay_warns_then_escalates_daily_until_extended_then_moved(
    safe_space, place, social_worker, home_manager, administrator
):
    stay = place(safe_space, START, planned_end=day(28))
    for n in range(1, 31):
        run(n)

    # 7 and 2 days before the limit, to the social worker and the home's manager.
    assert opened_on("stay_limit_warning") == {21: "7d", 26: "2d"}
    for person in (social_worker, home_manager):
        assert told(person, "stay_limit_warning") == [21, 26]
    assert told(administrator, "stay_limit_warning") == []
    warnings = Alert.objects.filter(rule="stay_limit_warning").order_by("opened_on")
    assert [(a.opened_on, a.resolved_on) for a in warnings] == [
        (day(21), day(26)),
        (day(26), day(29)),
    ]
    assert all(a.due == day(28) for a in warnings)

    # The limit passed on day 28 with the child still there: the head of service hears every
    # day; the social worker and manager once; one breach alert, still open.
    breach = Alert.objects.get(rule="stay_limit_breach")
    assert (breach.opened_on, breach.resolved_on, breach.child_id) == (day(29), None, stay.child_id)
    assert told(administrator, "stay_limit_breach") == [29, 30]
    assert told(social_worker, "stay_limit_breach") == [29]
    assert told(home_manager, "stay_limit_breach") == [29]
    # The planned end (day 28) has passed too.
    assert Alert.objects.get(rule="planned_end_passed").resolved_on is None

    # An authorised extension moves this placement's limit: the breach closes the next run.
    with time_machine.travel(datetime.datetime.combine(day(30), datetime.time(9)), tick=False):
        extension = placements.request_extension(
            stay, extend_to=day(42), reason="Family work needs two more weeks", by=social_worker
        )
        placements.decide_extension(
            extension, authorise=True, note="Agreed at panel", by=administrator
        )
    run(31)
    breach.refresh_from_db()
    assert breach.resolved_on == day(31)
    assert told(administrator, "stay_limit_breach") == [29, 30]
    assert Alert.objects.get(rule="planned_end_passed").resolved_on == day(31)
    assert Alert.objects.filter(rule="stay_limit_breach", resolved_on=None).count() == 0

    # 7 days before the new limit the warning opens again; then the child moves on.
    run(35)
    assert Alert.objects.filter(rule="stay_limit_warning", resolved_on=None).get().due == day(42)
    with time_machine.travel(datetime.datetime.combine(day(36), datetime.time(9)), tick=False):
        placements.end_placement(
            stay,
            end_date=day(36),
            outcome="returned_home",
            reason_episode_ceased="E13",
            by=social_worker,
        )
    run(36)
    assert not Alert.objects.filter(subject_type="placement", subject_id=stay.pk, resolved_on=None)


@pytest.mark.django_db
def test_running_the_same_day_twice_opens_and_sends_nothing_new(
    safe_space, place, administrator, mailoutbox
):
    place(safe_space, START, planned_end=day(28))
    run(29)
    alerts, notices, emails = Alert.objects.count(), Notification.objects.count(), len(mailoutbox)
    assert alerts and notices and emails
    run(29)
    assert (Alert.objects.count(), Notification.objects.count(), len(mailoutbox)) == (
        alerts,
        notices,
        emails,
    )


@pytest.mark.django_db
def test_a_move_planned_within_the_limit_quiets_the_warnings_and_the_planned_end(
    safe_space, place, social_worker
):
    """A move recorded ahead of the day is the plan the warnings ask for: no warning once it is
    recorded, and a planned end that passes while the child waits for the day is not flagged."""
    stay = place(safe_space, START, planned_end=day(20))
    run(21)  # the 7-day warning is open, and the planned end (day 20) has passed
    assert Alert.objects.filter(rule="stay_limit_warning", resolved_on=None).exists()
    assert Alert.objects.filter(rule="planned_end_passed", resolved_on=None).exists()
    with time_machine.travel(datetime.datetime.combine(day(21), datetime.time(9)), tick=False):
        placements.move_child(
            stay,
            move_date=day(25),
            carer=CarerHouseholdFactory(),
            reason_placement_change="CARPL",
            by=social_worker,
        )
    for n in range(22, 25):
        run(n)
    stay_rules = ("stay_limit_warning", "stay_limit_breach", "planned_end_passed")
    still_open = Alert.objects.filter(
        rule__in=stay_rules, subject_type="placement", subject_id=stay.pk, resolved_on=None
    )
    assert not still_open.exists()


@pytest.mark.django_db
def test_a_breach_with_the_move_planned_asks_for_the_days_until_it(
    safe_space, place, social_worker
):
    stay = place(safe_space, START, planned_end=day(28))
    with time_machine.travel(datetime.datetime.combine(day(27), datetime.time(9)), tick=False):
        placements.end_placement(
            stay,
            end_date=day(31),
            outcome="returned_home",
            reason_episode_ceased="E13",
            by=social_worker,
        )
    run(29)
    breach = Alert.objects.get(rule="stay_limit_breach")
    assert "the child leaves on 02/04/2026" in breach.summary
    assert "Authorise an extension to cover the days until then" in breach.summary
    run(31)  # gone on the day
    breach.refresh_from_db()
    assert breach.resolved_on == day(31)
