"""A Safe Space stay driven day by day through the checks: warnings, breach, extension, move."""

import datetime

import pytest
import time_machine

from notifications.models import Notification
from placements import services as placements
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
