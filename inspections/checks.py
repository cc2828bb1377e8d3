"""Daily checks for the monitoring of homes, registered with timescales' check registry:

- a recommended action past its due date and not done (the home's managers are told);
- a visitor's report still a draft REG44_REPORT_DEADLINE_DAYS after the visit (the visitor);
- a home with no Regulation 44 visit this month by day REG44_VISIT_DUE_DAY (visitors, managers);
- a home's six-monthly Regulation 45 review due within REMIND_DAYS_BEFORE days, or late.

Each check is a fixed number of queries whatever the number of homes or reports.
"""

import calendar
import datetime

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q

from homes.models import Home
from timescales import audiences
from timescales.calendar import add_months
from timescales.registry import CheckResult, Condition, register_check

from .models import Recommendation, Reg44Visit, Reg45Review

REVIEW_MONTHS = 6
REMIND_DAYS_BEFORE = 28


def visitors_by_home() -> dict[int, frozenset]:
    through = Home.independent_visitors.through.objects.filter(user__is_active=True)
    visitors: dict[int, set] = {}
    for home_id, user_id in through.values_list("home_id", "user_id"):
        visitors.setdefault(home_id, set()).add(user_id)
    return {home_id: frozenset(users) for home_id, users in visitors.items()}


@register_check("reg44_action_overdue", title="Regulation 44 recommended action overdue")
def action_overdue(day):
    rows = Recommendation.objects.overdue(day).values(
        "pk", "due_date", "visit__home_id", "visit__home__name", "visit__visit_date"
    )
    managers = audiences.managers_by_home()
    return CheckResult(
        [
            Condition(
                subject_type="home",
                subject_id=row["visit__home_id"],
                home_id=row["visit__home_id"],
                key=f"action-{row['pk']}",
                due=row["due_date"],
                summary=(
                    f"{row['visit__home__name']}: an action recommended at the Regulation 44 "
                    f"visit of {row['visit__visit_date']:%d/%m/%Y} was due by "
                    f"{row['due_date']:%d/%m/%Y} and is not done."
                ),
                recipients=managers.get(row["visit__home_id"], frozenset()),
            )
            for row in rows
        ]
    )


@register_check("reg44_report_late", title="Regulation 44 report not submitted")
def report_late(day):
    deadline = datetime.timedelta(days=settings.REG44_REPORT_DEADLINE_DAYS)
    rows = Reg44Visit.objects.filter(
        status=Reg44Visit.Status.DRAFT, version_number=1, visit_date__lt=day - deadline
    ).values("pk", "visit_date", "visitor_id", "home_id", "home__name")
    return CheckResult(
        [
            Condition(
                subject_type="home",
                subject_id=row["home_id"],
                home_id=row["home_id"],
                key=f"report-{row['pk']}",
                due=row["visit_date"] + deadline,
                summary=(
                    f"The report of the Regulation 44 visit to {row['home__name']} on "
                    f"{row['visit_date']:%d/%m/%Y} was due by "
                    f"{row['visit_date'] + deadline:%d/%m/%Y} and is not submitted."
                ),
                recipients=audiences.people(row["visitor_id"]),
            )
            for row in rows
        ]
    )


@register_check("reg44_visit_due", title="Regulation 44 visit not yet recorded this month")
def visit_due(day):
    if day.day < settings.REG44_VISIT_DUE_DAY:
        return CheckResult()
    month_start = day.replace(day=1)
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    visited = Reg44Visit.objects.current().filter(
        home=OuterRef("pk"), visit_date__range=(month_start, month_end)
    )
    rows = (
        Home.objects.in_house()
        .open_on(day)
        .filter(Q(opened_on__isnull=True) | Q(opened_on__lt=month_start))
        .exclude(Exists(visited))
        .values("pk", "name")
    )
    managers, visitors = audiences.managers_by_home(), visitors_by_home()
    return CheckResult(
        [
            Condition(
                subject_type="home",
                subject_id=row["pk"],
                home_id=row["pk"],
                key=f"visit-{day:%Y-%m}",
                due=month_end,
                summary=(
                    f"{row['name']} has had no Regulation 44 visit recorded in "
                    f"{day:%B %Y}; a visit is due by {month_end:%d/%m/%Y}."
                ),
                recipients=visitors.get(row["pk"], frozenset())
                | managers.get(row["pk"], frozenset()),
            )
            for row in rows
        ]
    )


@register_check("reg45_review_due", title="Regulation 45 quality of care review due")
def review_due(day):
    """Due six months after the last completed review's period ended, or after the home opened."""
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    cutoff = add_months(horizon, -REVIEW_MONTHS)
    rows = (
        Home.objects.in_house()
        .open_on(day)
        .annotate(
            last_review=Max(
                "reg45_reviews__period_end",
                filter=Q(reg45_reviews__status=Reg45Review.Status.COMPLETED),
            )
        )
        .filter(
            Q(last_review__lte=cutoff)
            | Q(last_review__isnull=True, opened_on__lte=cutoff)
            | Q(last_review__isnull=True, opened_on__isnull=True)
        )
        .values("pk", "name", "last_review", "opened_on")
    )
    managers = audiences.managers_by_home()
    conditions = []
    for row in rows:
        since = row["last_review"] or row["opened_on"]
        due = add_months(since, REVIEW_MONTHS) if since else day
        conditions.append(
            Condition(
                subject_type="home",
                subject_id=row["pk"],
                home_id=row["pk"],
                key=f"reg45-{since.isoformat() if since else 'first'}",
                due=due,
                summary=(
                    f"{row['name']}'s six-monthly quality of care review "
                    f"{'was' if due < day else 'is'} due by {due:%d/%m/%Y}."
                ),
                recipients=managers.get(row["pk"], frozenset()),
            )
        )
    return CheckResult(conditions)
