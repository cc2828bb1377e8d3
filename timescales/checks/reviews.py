"""Looked-after reviews (Care Planning, Placement and Case Review (England) Regulations 2010,
reg 33): the first within 20 working days of becoming looked after, the second within 3 months
of the first, then at most 6 months apart."""

import datetime
from functools import lru_cache

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from children.models import Child
from core.dates import add_working_days
from placements.models import Placement

from ..calendar import add_months, latest_start_due_by
from ..models import LookedAfterReview
from ..registry import register_check
from .common import CHILD_FIELDS, child_conditions

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
REMIND_DAYS_BEFORE = 14


@lru_cache(maxsize=4096)  # many children share a date; each is worked out once
def first_review_due(became):
    return add_working_days(became, FIRST_REVIEW_WORKING_DAYS)


@lru_cache(maxsize=4096)
def second_review_due(first):
    return add_months(first, SECOND_REVIEW_MONTHS)


@lru_cache(maxsize=4096)
def later_review_due(last):
    return add_months(last, LATER_REVIEW_MONTHS)


def looked_after_children(day: datetime.date):
    """Children looked after on `day`, with the day they became looked after (the start of the
    latest placement that began a period of care, SSDA903 reason "S", else their first
    placement) and the count, first and last of their reviews since."""
    placements = Placement.objects.live().filter(child=OuterRef("pk"), start_date__lte=day)
    started_care = placements.filter(reason_new_episode="S").order_by("-start_date")
    reviews = LookedAfterReview.objects.filter(
        child=OuterRef("pk"), held_on__gte=OuterRef("became"), held_on__lte=day
    )
    return (
        Child.objects.filter(Exists(Placement.objects.active_on(day).filter(child=OuterRef("pk"))))
        .annotate(
            became=Coalesce(
                Subquery(started_care.values("start_date")[:1]),
                Subquery(placements.order_by("start_date").values("start_date")[:1]),
            )
        )
        .order_by()
        .annotate(
            reviews=Coalesce(
                Subquery(reviews.order_by().values("child").annotate(n=Count("pk")).values("n")), 0
            ),
            first_review=Subquery(reviews.order_by("held_on").values("held_on")[:1]),
            last_review=Subquery(reviews.order_by("-held_on").values("held_on")[:1]),
        )
    )


def next_review_due(row) -> datetime.date:
    if row["reviews"] == 0:
        return first_review_due(row["became"])
    if row["reviews"] == 1:
        return second_review_due(row["first_review"])
    return later_review_due(row["last_review"])


def _ordinal(reviews_held):
    return {0: "first", 1: "second"}.get(reviews_held, "next")


@register_check("looked_after_review_due", title="Looked-after review due")
def looked_after_review_due(day):
    # Each clock only moves forward with its start, so "due by the horizon" is "started on or
    # before" a date worked out here once, and the query compares plain dates.
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    rows = (
        looked_after_children(day)
        .filter(
            Q(reviews=0, became__lte=latest_start_due_by(horizon, first_review_due))
            | Q(reviews=1, first_review__lte=latest_start_due_by(horizon, second_review_due))
            | Q(reviews__gte=2, last_review__lte=latest_start_due_by(horizon, later_review_due))
        )
        .values(*CHILD_FIELDS, "became", "reviews", "first_review", "last_review")
    )

    def describe(row):
        due = next_review_due(row)
        state = "was due" if due < day else "is due"
        return {
            "due": due,
            "key": f"review-{row['reviews'] + 1}:{row['became'].isoformat()}",
            "summary": (
                f"The {_ordinal(row['reviews'])} looked-after review {state} by {due:%d/%m/%Y} "
                f"(looked after since {row['became']:%d/%m/%Y}). Arrange it with the independent "
                "reviewing officer and record it."
            ),
        }

    return child_conditions(rows, describe)
