"""Turning the rows a check's query found into conditions, and who is told about them."""

from .. import audiences
from ..registry import CheckResult, Condition

PLACEMENT_FIELDS = ("pk", "child_id", "home_id", "child__social_worker_id")
CHILD_FIELDS = ("pk", "social_worker_id")


def placement_conditions(
    rows, describe, *, escalate_to=frozenset(), tell_managers=True
) -> CheckResult:
    """One condition per placement row (PLACEMENT_FIELDS and the check's own columns), for the
    child's social worker and (unless not `tell_managers`) the home's managers.
    `describe(row)` gives due, key and summary."""
    managers = audiences.managers_by_home() if tell_managers else {}
    return CheckResult(
        [
            Condition(
                subject_type="placement",
                subject_id=row["pk"],
                child_id=row["child_id"],
                home_id=row["home_id"],
                recipients=audiences.people(row["child__social_worker_id"])
                | managers.get(row["home_id"], frozenset()),
                escalate_to=escalate_to,
                **describe(row),
            )
            for row in rows
        ]
    )


def child_conditions(rows, describe) -> CheckResult:
    """One condition per child row (CHILD_FIELDS and the check's own columns), for the child's
    social worker (the heads of service when there is none)."""
    return CheckResult(
        [
            Condition(
                subject_type="child",
                subject_id=row["pk"],
                child_id=row["pk"],
                recipients=audiences.people(row["social_worker_id"]),
                **describe(row),
            )
            for row in rows
        ]
    )
