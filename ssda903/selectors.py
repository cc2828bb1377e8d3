"""Reads for the pages: the latest run of the DfE rules, its errors by rule and by child, the
trend, a child's own errors and a caseload's. Each a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min

from accounts.access import children_visible_to

from .models import ReturnError, ValidationRun
from .validator import KNOWN_FAULTS

TREND_RUNS = 30
SHOWN = 10


def latest_run() -> ValidationRun | None:
    return ValidationRun.objects.filter(succeeded=True).first()


def last_failed_run() -> ValidationRun | None:
    """The newest run, if it did not finish: the page says so."""
    run = ValidationRun.objects.first()
    return run if run and not run.succeeded else None


def errors_by_rule(run: ValidationRun) -> list[dict]:
    """Each failing rule with its message, how many errors and how many children, and what is
    known to be wrong with the rule."""
    rules = list(
        ReturnError.objects.filter(run=run)
        .values("rule")
        .annotate(
            message=Max("message"),
            errors=Count("id"),
            children=Count("child_ref", distinct=True),
        )
        .order_by("-errors", "rule")
    )
    for rule in rules:
        rule["known_fault"] = KNOWN_FAULTS.get(rule["rule"], "")
    return rules


def children_with_errors(run: ValidationRun, rule: str | None = None):
    """Children with errors in the run (optionally one rule's), most errors first; a queryset of
    dicts for the paginator."""
    errors = ReturnError.objects.filter(run=run)
    if rule:
        errors = errors.filter(rule=rule)
    return (
        errors.values("child_ref", "child_id", "child__first_name", "child__last_name")
        .annotate(errors=Count("id"), first_rule=Min("rule"))
        .order_by("-errors", "child_ref")
    )


def trend(limit=TREND_RUNS) -> list[ValidationRun]:
    """The error count of the last runs, oldest first."""
    runs = list(ValidationRun.objects.filter(succeeded=True)[:limit])
    return runs[::-1]


def child_errors(child) -> dict | None:
    """A child's errors in the latest run, for their record (None: never checked)."""
    run = latest_run()
    if run is None:
        return None
    errors = list(ReturnError.objects.filter(run=run, child=child).order_by("rule", "table", "row"))
    return {"run": run, "errors": errors}


def caseload_errors(user, limit=SHOWN) -> dict | None:
    """For a social worker: their children with errors in the latest run, most first."""
    run = latest_run()
    if run is None:
        return None
    children = list(
        ReturnError.objects.filter(run=run, child__in=children_visible_to(user))
        .values("child_id", "child__first_name", "child__last_name")
        .annotate(errors=Count("id"))
        .order_by("-errors", "child__last_name")[: limit + 1]
    )
    return {"run": run, "children": children[:limit], "more": len(children) > limit}


@dataclass
class BoardFigure:
    today: int | None
    last_month: int | None
    checked_on: datetime.date | None


def board_figure(day: datetime.date) -> BoardFigure:
    """The error count of the latest run on or before `day`, and of the latest a month before."""
    runs = ValidationRun.objects.filter(succeeded=True)
    now = runs.filter(as_of__lte=day).first()
    month_ago = day - datetime.timedelta(days=30)
    then = runs.filter(as_of__lte=month_ago).first()
    return BoardFigure(
        now.error_count if now else None,
        then.error_count if then else None,
        now.as_of if now else None,
    )
