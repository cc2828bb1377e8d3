"""The demo's monitoring of homes, written through inspections.services as people would:
the managers' incident and Regulation 40 logs, the visitor's monthly Regulation 44 reports with
the managers' answers to their actions, and a Regulation 45 review.

The services stamp "now" on submissions, sign-offs and answers; afterwards those stamps are
moved back to the day in the story each happened, so the history reads true (the board
report counts an action as open at a month's end by its done date).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from audit import capture as audit
from core.dates import today
from inspections import services
from inspections.models import (
    Incident,
    Recommendation,
    RecordKind,
    Reg40Notification,
    Reg44Visit,
    Reg45Review,
)
from placements.models import Placement
from timescales.calendar import add_months

from . import seed_inspections_data as data

DAY = datetime.timedelta(days=1)
RECORDS = [RecordKind.INCIDENTS, RecordKind.MISSING, RecordKind.RESTRAINT, RecordKind.REG40,
           RecordKind.DAILY_LOGS, RecordKind.PREMISES, RecordKind.STAFF_FILES]  # fmt: skip


def _at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _children_in(home, day) -> list[str]:
    rows = Placement.objects.active_on(day).filter(home=home).select_related("child")
    return [p.child.first_name for p in rows.order_by("child__first_name")]


def _initials(home, day, rng) -> str:
    names = (
        Placement.objects.active_on(day)
        .filter(home=home)
        .values_list("child__first_name", "child__last_name")
    )
    first, last = rng.choice(list(names)) if names else ("", "")
    return f"{first[:1]}{last[:1]}"


def create_logs(homes, managers, rng):
    for key, ago, kind, summary in data.INCIDENTS:
        day = today() - DAY * ago
        services.record_log_entry(Incident, home=homes[key], by=managers[key], occurred_on=day,
                                  kind=kind, summary=summary,
                                  child_initials=_initials(homes[key], day, rng))  # fmt: skip
    for key, ago, event, summary, others in data.REG40:
        day = today() - DAY * ago
        services.record_log_entry(
            Reg40Notification, home=homes[key], by=managers[key], occurred_on=day, event=event,
            summary=summary, child_initials=_initials(homes[key], day, rng),
            ofsted_notified_on=day + DAY, placing_authority_notified_on=day, others_notified=others,
        )  # fmt: skip


def _visit_day(months_ago, rng, late_report=False) -> datetime.date:
    now = today()
    if months_ago == 0:  # this month: a few days ago, within the month
        return max(now.replace(day=1), now - DAY * rng.randint(3, 9))
    if late_report:  # last month, and long enough ago that its report is overdue
        overdue = now - DAY * (settings.REG44_REPORT_DEADLINE_DAYS + rng.randint(2, 5))
        return min(now.replace(day=1) - DAY, overdue)
    return add_months(now.replace(day=1), -months_ago) + DAY * rng.randint(3, 24)


def _write_report(visit, visitor, home, months_ago, overdue_here, rng):
    """People spoken to, records, findings, opinions and one or two recommended actions."""
    for name in _children_in(home, visit.visit_date)[:2]:
        services.add_person(visit, by=visitor, kind="child", name=name, consent=True,
                            in_private=True, summary="Said they feel safe and like their room.")  # fmt: skip
    services.add_person(visit, by=visitor, kind="staff", name="Shift leader",
                        summary="Talked through the week's incidents and the rota.")  # fmt: skip
    standards = rng.sample(sorted(data.FINDINGS), 5)
    findings = {s: rng.choice(data.FINDINGS[s]) for s in standards}
    services.update_visit(
        visit, by=visitor, findings=findings, records_examined=rng.sample(RECORDS, 4),
        records_notes="Logs read back to the last visit; entries were complete and signed.",
        children_safeguarded="yes",
        safeguarding_opinion="Children are effectively safeguarded; staff know the risks.",
        promotes_wellbeing="no" if overdue_here else "yes",
        wellbeing_opinion="Not yet: staffing gaps are limiting activities." if overdue_here else
        "Yes: the home's conduct promotes the children's well-being.",
    )  # fmt: skip
    recommended = []
    for n, (standard, text) in enumerate(rng.sample(data.RECOMMENDATIONS, rng.randint(1, 2))):
        due = visit.visit_date + DAY * rng.randint(28, 42)
        if months_ago <= 1:  # the latest actions are not due yet
            due = max(due, today() + DAY * rng.randint(7, 21))
        elif overdue_here and n == 0:  # the one left open is past due whatever today is
            due = min(due, today() - DAY * rng.randint(3, 10))
        recommended.append(services.add_recommendation(
            visit, by=visitor, text=text, owner="Registered manager", due_date=due,
            standard=standard,
        ))  # fmt: skip
    return recommended


def _answer(recommendations, manager, months_ago, overdue_home, rng):
    """Actions from two months back and earlier are done with evidence, except the overdue one;
    last month's are answered but not finished."""
    for n, rec in enumerate(recommendations):
        if months_ago >= 2 and not (overdue_home and n == 0):
            services.respond(rec, by=manager, response="Done.", done=True,
                             evidence=rng.choice(data.EVIDENCE))  # fmt: skip
            answered = min(rec.due_date - DAY * rng.randint(2, 10), today())
            audit.update(
                Recommendation.objects.filter(pk=rec.pk),
                responded_at=_at(answered),
                done_at=_at(answered),
            )
        elif months_ago >= 1:
            services.respond(rec, by=manager, response=data.RESPONSE_IN_PROGRESS, done=False)


def create_visits(homes, managers, admin, rng):
    """Monthly reports, oldest first, so each report shows the progress on the previous one's
    actions."""
    for months_ago in range(data.MONTHS_BACK, -1, -1):
        for key, this_month in data.THIS_MONTH.items():
            if (months_ago == 0 and this_month == "none") or (
                months_ago > 0 and key not in data.WITH_HISTORY
            ):
                continue
            home = homes[key]
            visitor = home.independent_visitors.get()
            overdue_home = (key, months_ago) == data.OVERDUE_ACTION
            late_report = (key, months_ago) == (data.LATE_REPORT, 1)
            visit_date = _visit_day(months_ago, rng, late_report)
            visit = services.start_visit(home=home, by=visitor, announced=rng.random() < 0.3,
                                         visit_date=visit_date)  # fmt: skip
            recommended = _write_report(visit, visitor, home, months_ago, overdue_home, rng)
            if late_report or (months_ago == 0 and this_month == "draft"):
                continue
            services.submit(visit, by=visitor)
            submitted = visit.visit_date + DAY * rng.randint(1, 6)
            if months_ago >= 2:
                services.sign_off(visit, by=admin)
            audit.update(
                Reg44Visit.objects.filter(pk=visit.pk),
                submitted_at=_at(min(submitted, today()), 10),
                signed_off_at=_at(submitted + DAY * 3) if months_ago >= 2 else None,
            )
            _answer(recommended, managers[key], months_ago, overdue_home, rng)


def _completed_review(home, manager, period_end):
    review = services.start_review(home=home, by=manager, period_end=period_end,
                                   period_start=add_months(period_end + DAY, -6))  # fmt: skip
    services.update_review(review, by=manager, **data.REG45)
    services.complete_review(review, by=manager)
    audit.update(Reg45Review.objects.filter(pk=review.pk), completed_at=_at(period_end + DAY * 20))


def create_reg45_reviews(homes, managers):
    """Every in-house home reviewed its last half-year, except the Towards Home, whose review of
    the half-year before is about to fall due and is being written."""
    last_month_end = today().replace(day=1) - DAY
    for key, home in homes.items():
        if key != "TH":
            _completed_review(home, managers[key], last_month_end)
    earlier_end = add_months(today(), -6) + DAY * 10
    _completed_review(homes["TH"], managers["TH"], earlier_end)
    services.start_review(home=homes["TH"], by=managers["TH"], period_start=earlier_end + DAY,
                          period_end=add_months(earlier_end, 6))  # fmt: skip


def create_monitoring(homes, rng, admin):
    in_house = {key: homes[key] for key in data.THIS_MONTH}
    managers = {key: home.managers.get() for key, home in in_house.items()}
    with_history = {key: in_house[key] for key in data.WITH_HISTORY}
    create_logs(with_history, managers, rng)
    create_visits(in_house, managers, admin, rng)
    create_reg45_reviews(in_house, managers)
