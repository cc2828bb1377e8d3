"""Quality: Ofsted ratings, Regulation 44 visits and their recommendations."""

import datetime

from django.db import DatabaseError, transaction
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)

from homes.models import Home, OfstedRating, Provision

from ..periods import Period
from .common import end_of, measure


@measure(
    "Ofsted ratings",
    "The latest Ofsted overall rating recorded for each children's home open on the last day of "
    "the period.",
)
def ofsted_ratings(period: Period) -> dict:
    homes = list(
        Home.objects.open_on(period.last_day)
        .order_by("name")
        .values("name", "home_type__name", "provision", "ofsted_rating", "ofsted_rating_date")
    )
    counts = {label: 0 for label in OfstedRating.labels}
    labels = dict(OfstedRating.choices)
    for home in homes:
        home["rating"] = labels[home["ofsted_rating"]]
        counts[home["rating"]] += 1
    return {"homes": homes, "counts": counts}


@measure(
    "Regulation 44 visits on time",
    "For each of the council's own homes open for a whole calendar month of the period, whether "
    "an independent person visited during that month (regulation 44 asks for a visit at least "
    "once a month). Shown as visits on time out of visits due.",
)
def reg44_visits(period: Period) -> dict[str, int] | None:
    return _if_inspections_ready(_reg44_visits, period)


@measure(
    "Open Regulation 44 recommendations",
    "Recommendations in submitted Regulation 44 reports that were not done by the last day of "
    "the period, by age (days since the visit), and how many were past the date set for them.",
)
def reg44_recommendations(period: Period) -> dict[str, int] | None:
    return _if_inspections_ready(_reg44_recommendations, period)


def _if_inspections_ready(function, period):
    """The visits app may not be set up yet on every database; a report still comes out."""
    try:
        with transaction.atomic():
            return function(period)
    except (ImportError, DatabaseError):
        return None


def _reg44_visits(period):
    from inspections.models import Reg44Visit

    annotations, aggregates = {}, {}
    months = period.whole_months()  # a month still going on has no visit due yet
    for i, (first, after) in enumerate(months):
        open_all_month = (Q(opened_on__lte=first) | Q(opened_on__isnull=True)) & (
            Q(closed_on__gte=after) | Q(closed_on__isnull=True)
        )
        annotations[f"visited_{i}"] = Exists(
            Reg44Visit.objects.current().filter(
                home=OuterRef("pk"), visit_date__gte=first, visit_date__lt=after
            )
        )
        aggregates[f"due_{i}"] = Count("id", filter=open_all_month)
        aggregates[f"done_{i}"] = Count("id", filter=open_all_month & Q(**{f"visited_{i}": True}))
    totals = (
        Home.objects.filter(provision=Provision.IN_HOUSE)
        .annotate(**annotations)
        .aggregate(**aggregates)
    )
    return {
        "due": sum(totals[f"due_{i}"] for i in range(len(months))),
        "on_time": sum(totals[f"done_{i}"] for i in range(len(months))),
    }


RECOMMENDATION_AGES = {
    "under 1 month": (0, 30),
    "1 to 3 months": (31, 91),
    "over 3 months": (92, None),
}


def _reg44_recommendations(period):
    from inspections.models import Recommendation

    day = period.last_day
    aggregates = {}
    for i, (youngest, oldest) in enumerate(RECOMMENDATION_AGES.values()):
        age = Q(visit__visit_date__lte=day - datetime.timedelta(days=youngest))
        if oldest is not None:
            age &= Q(visit__visit_date__gt=day - datetime.timedelta(days=oldest + 1))
        aggregates[f"age_{i}"] = Count("id", filter=age)
    aggregates["overdue"] = Count("id", filter=Q(due_date__lt=day))
    aggregates["open"] = Count("id")
    totals = (
        Recommendation.objects.of_current_reports()
        .filter(visit__visit_date__lte=day)
        .filter(Q(done_at__isnull=True) | Q(done_at__gte=end_of(day)))
        .aggregate(**aggregates)
    )
    for i, label in enumerate(RECOMMENDATION_AGES):
        totals[label] = totals.pop(f"age_{i}")
    return totals
