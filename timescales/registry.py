"""The registry of scheduled checks. Any app can add one:

    from timescales.registry import CheckResult, Condition, register_check

    @register_check("reg44_visit_due", title="Regulation 44 visit not yet recorded this month")
    def reg44_visit_due(day) -> CheckResult:
        rows = Home.objects.open_on(day).filter(...).values("pk", ...)  # one set-based query
        managers = audiences.managers_by_home()                          # one more
        return CheckResult([
            Condition(subject_type="home", subject_id=r["pk"], home_id=r["pk"], due=...,
                      summary="...", recipients=managers.get(r["pk"], frozenset()))
            for r in rows
        ])

and import its module from its AppConfig.ready() so the check is registered at start-up.

A check runs a fixed number of queries however much data there is: it finds, in SQL, every
condition that holds on `day`, and returns them. It never writes. timescales.services reconciles
the result with the open alerts (opening new ones, resolving cleared ones) and notifies people.

A Condition is identified by (rule, subject_type, subject_id, key): while a check keeps returning
it, its alert stays open and nobody is told twice. Give a new key when the same subject meets
the rule afresh (the next review, the next visit, a moved limit). `recipients` are told when the
alert opens (nobody named: the heads of service are told instead); `escalate_to` are told again
every day while it stays open. The summary is shown to every recipient, so it must not name the
child: the child's name is added only for people allowed to see the child.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Condition:
    subject_type: str  # "placement", "child", "carer" or "home"
    subject_id: int
    due: datetime.date
    summary: str
    recipients: frozenset = frozenset()
    key: str = ""
    child_id: int | None = None
    home_id: int | None = None
    escalate_to: frozenset = frozenset()

    @property
    def identity(self):
        return (self.subject_type, self.subject_id, self.key)


@dataclass(frozen=True)
class CheckResult:
    conditions: list[Condition] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    rule: str
    title: str
    run: Callable[[datetime.date], CheckResult]


CHECKS: dict[str, Check] = {}


def register_check(rule: str, *, title: str):
    """Decorator: add `func(day) -> CheckResult` to the checks run every day under `rule`."""

    def decorator(func):
        if rule in CHECKS and CHECKS[rule].run is not func:
            raise ValueError(f"A check called {rule!r} is already registered.")
        CHECKS[rule] = Check(rule=rule, title=title, run=func)
        return func

    return decorator


def title_of(rule: str) -> str:
    check = CHECKS.get(rule)
    return check.title if check else rule.replace("_", " ").capitalize()
