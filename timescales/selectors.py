"""Reads for pages: a person's open alerts and their caseload's next reviews and visits."""

import datetime

from django.db.models import Exists, OuterRef

from accounts.access import children_visible_to, has_role
from accounts.models import Role
from notifications.models import Notification

from .checks.reviews import looked_after_children, next_review_due
from .checks.visits import next_visit_due, placements_with_visits
from .models import Alert

SHOWN = 10


def alerts_for(user):
    """The alerts this person was told about, open or resolved, soonest due first."""
    told = Notification.objects.filter(alert=OuterRef("pk"), user=user)
    return Alert.objects.filter(Exists(told)).select_related("child", "home").order_by("due", "id")


def open_alerts_for(user, limit=SHOWN) -> list[Alert]:
    """The person's open alerts, soonest due first, each with `child_name` set only when they
    may see the child. Two queries however many alerts there are."""
    return with_child_names(user, alerts_for(user).filter(resolved_on__isnull=True)[:limit])


def with_child_names(user, alerts) -> list[Alert]:
    """The alerts, each with `child_name`: the name, or None when the person may not see the
    child (one query)."""
    alerts = list(alerts)
    child_ids = {a.child_id for a in alerts if a.child_id}
    visible = (
        set(children_visible_to(user).filter(pk__in=child_ids).values_list("pk", flat=True))
        if child_ids
        else set()
    )
    for alert in alerts:
        alert.child_name = alert.child.full_name if alert.child_id in visible else None
    return alerts


def caseload_due_dates(user, day: datetime.date, limit=SHOWN) -> list[dict]:
    """For the children on the person's caseload who are looked after on `day`: the next
    review and visit due, soonest first. Two queries, whatever the caseload; none for anyone
    but a social worker (reviews and visits are theirs to arrange, and only they are
    allocated children)."""
    if not has_role(user, Role.SOCIAL_WORKER):
        return []
    children = {}
    for row in looked_after_children(day, social_worker=user):
        children[row["pk"]] = {
            "pk": row["pk"],
            "name": f"{row['first_name']} {row['last_name']}",
            "review_due": next_review_due(row),
            "visit_due": None,
        }
    for row in (
        placements_with_visits(day)
        .filter(child__social_worker=user)
        .values("child_id", "start_date", "last_visit", "long_interval")
    ):
        if row["child_id"] in children:
            children[row["child_id"]]["visit_due"] = next_visit_due(row)
    rows = sorted(
        children.values(), key=lambda c: min(d for d in (c["review_due"], c["visit_due"]) if d)
    )
    return rows[:limit]
