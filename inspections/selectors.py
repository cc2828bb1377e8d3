"""Reading visits, reports, actions and logs, always through the caller's scope.

Who may open the Regulation 44 and 45 pages: an independent visitor (homes assigned to them), a
home manager (homes they manage) and an administrator (all). Board members are refused because
reports name children by first name or initials; they get aggregates in the board report.
Social workers and personal advisers have no part in the monitoring and are refused too.
"""

import datetime

from django.db.models import Count, Q

from accounts.access import homes_managed_by, homes_visible_to, role_of
from accounts.models import Role
from core.lists import count_per_row
from homes.models import Home

from .models import (
    Finding,
    Incident,
    QualityStandard,
    Recommendation,
    Reg40Notification,
    Reg44Visit,
    Reg45Review,
)

INSPECTION_ROLES = (Role.INDEPENDENT_VISITOR, Role.HOME_MANAGER, Role.ADMINISTRATOR)
SIDE_PANEL_ROWS = 10


def homes_for(user):
    """Homes whose visits, logs and reviews this person may see."""
    role = role_of(user)
    if role == Role.INDEPENDENT_VISITOR:
        return homes_visible_to(user)
    if role in (Role.HOME_MANAGER, Role.ADMINISTRATOR):
        return homes_managed_by(user)
    return Home.objects.none()


def visits_for(user):
    """Visits this person may open: a visitor sees submitted reports and their own drafts; a
    manager sees reports once submitted; an administrator sees everything."""
    visits = Reg44Visit.objects.filter(home__in=homes_for(user))
    role = role_of(user)
    if role == Role.INDEPENDENT_VISITOR:
        return visits.filter(Q(visitor=user) | ~Q(status=Reg44Visit.Status.DRAFT))
    if role == Role.HOME_MANAGER:
        return visits.exclude(status=Reg44Visit.Status.DRAFT)
    return visits


def visit_list(user):
    return (
        visits_for(user)
        .current()
        .select_related("home", "visitor")
        .annotate(
            open_actions=count_per_row(Recommendation.objects.filter(done_at__isnull=True), "visit")
        )
        .order_by("-visit_date", "-id")
    )


def visit_detail(visit: Reg44Visit) -> dict:
    """Everything a report shows: its sections in Quality Standard order, its actions, the
    previous visit's actions with their progress, and the versions it belongs to."""
    by_standard = {f.standard: f for f in visit.findings.all()}
    findings = [(label, by_standard.get(code)) for code, label in QualityStandard.choices]
    root = visit.original_id or visit.pk
    previous = (
        Reg44Visit.objects.submitted()
        .filter(home_id=visit.home_id, visit_date__lte=visit.visit_date)
        .exclude(Q(pk=root) | Q(original_id=root))
        .order_by("-visit_date", "-id")
        .first()
    )
    versions = (
        Reg44Visit.objects.filter(Q(pk=root) | Q(original_id=root))
        .exclude(pk=visit.pk)
        .order_by("version_number")
    )
    return {
        "visit": visit,
        "people": list(visit.people.all()),
        "findings": findings,
        "recommendations": list(visit.recommendations.all()),
        "previous": previous,
        "previous_recommendations": list(previous.recommendations.all()) if previous else [],
        "versions": list(versions),
    }


def home_logs(home: Home, *, since: datetime.date | None = None) -> dict:
    """The home's latest Reg 40 notifications and incidents, shown beside the visit form."""
    notifications = Reg40Notification.objects.filter(home=home)
    incidents = Incident.objects.filter(home=home)
    if since is not None:
        notifications = notifications.filter(occurred_on__gte=since)
        incidents = incidents.filter(occurred_on__gte=since)
    return {
        "notifications": list(notifications[:SIDE_PANEL_ROWS]),
        "incidents": list(incidents[:SIDE_PANEL_ROWS]),
        "incident_counts": dict(
            incidents.order_by()
            .values_list("kind")
            .annotate(n=Count("id"))
            .values_list("kind", "n")
        ),
    }


def actions_for(user):
    """Open recommended actions on submitted reports for homes in this person's scope."""
    return (
        Recommendation.objects.open()
        .filter(visit__home__in=homes_for(user))
        .select_related("visit__home")
        .order_by("due_date", "id")
    )


def reviews_for(user):
    reviews = Reg45Review.objects.filter(home__in=homes_for(user))
    if role_of(user) == Role.INDEPENDENT_VISITOR:
        return reviews.filter(status=Reg45Review.Status.COMPLETED)
    return reviews


def review_detail(review: Reg45Review) -> dict:
    """What the Reg 45 review draws in for its period: the Reg 44 reports and their actions,
    incidents and notifications by kind, and the stays that started and ended with outcomes."""
    from placements.models import Outcome, Placement

    start, end = review.period_start, review.period_end
    visits = (
        Reg44Visit.objects.submitted()
        .filter(home_id=review.home_id, visit_date__range=(start, end))
        .annotate(
            recommended=Count("recommendations"),
            done=Count("recommendations", filter=Q(recommendations__done_at__isnull=False)),
        )
        .order_by("visit_date")
    )
    incidents = Incident.objects.filter(home_id=review.home_id, occurred_on__range=(start, end))
    notifications = Reg40Notification.objects.filter(
        home_id=review.home_id, occurred_on__range=(start, end)
    )
    stays = Placement.objects.live().filter(home_id=review.home_id)
    ended = stays.filter(end_date__range=(start, end))
    outcomes = dict(
        ended.order_by().values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n")
    )
    return {
        "review": review,
        "visits": list(visits),
        "incident_counts": _labelled_counts(incidents, "kind", Incident.Kind),
        "notification_counts": _labelled_counts(notifications, "event", Reg40Notification.Event),
        "stays_started": stays.filter(start_date__range=(start, end)).count(),
        "stays_ended": sum(outcomes.values()),
        "outcomes": [
            (Outcome(code).label if code else "Not recorded", n)
            for code, n in sorted(outcomes.items())
        ],
    }


def _labelled_counts(queryset, field, choices):
    counts = dict(
        queryset.order_by().values_list(field).annotate(n=Count("id")).values_list(field, "n")
    )
    return [(label, counts.get(code, 0)) for code, label in choices.choices]


def finding_texts(visit) -> dict:
    return dict(Finding.objects.filter(visit=visit).values_list("standard", "text"))
