"""Stay limits (held on each home type) and planned ends that have passed. A move or end
recorded for a day still to come counts: the child is leaving, so nothing needs planning."""

import datetime

from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from homes.models import HomeType
from placements.models import Placement, StayExtension

from .. import audiences
from ..registry import CheckResult, register_check
from ..sql import AddDays
from .common import PLACEMENT_FIELDS, placement_conditions


def placements_with_stay_limit(day: datetime.date):
    """Placements open on `day` in homes whose type has a stay limit, annotated `stay_limit`.

    The same limit as placements.rules.stay_limit, in SQL: start + the type's maximum stay,
    moved later by the latest authorised extension.
    """
    extended_to = StayExtension.objects.filter(
        placement=OuterRef("pk"), status=StayExtension.Status.AUTHORISED
    ).order_by("-extend_to")
    return (
        Placement.objects.active_on(day)
        .order_by()
        .filter(home__home_type__max_stay_days__isnull=False)
        .annotate(base_limit=AddDays(F("start_date"), F("home__home_type__max_stay_days")))
        .annotate(
            stay_limit=Greatest(
                "base_limit", Coalesce(Subquery(extended_to.values("extend_to")[:1]), "base_limit")
            )
        )
    )


def _warning_windows(day, home_types):
    """One `When` per home type and warning: the limit falls in that warning's window.

    With warnings [7, 2] the 7-day window holds limits 3 to 7 days away and the 2-day window
    limits 0 to 2 days away, so each warning opens once and gives way to the next.
    """
    whens = []
    for home_type in home_types:
        warnings = sorted({int(w) for w in home_type.stay_warning_days if int(w) > 0}, reverse=True)
        for warning, next_warning in zip(warnings, [*warnings[1:], -1], strict=True):
            window = Q(
                home__home_type=home_type.pk,
                stay_limit__lte=day + datetime.timedelta(days=warning),
                stay_limit__gt=day + datetime.timedelta(days=next_warning),
            )
            whens.append(When(window, then=Value(warning)))
    return whens


@register_check("stay_limit_warning", title="Stay limit coming up")
def stay_limit_warning(day):
    home_types = {
        t.pk: t for t in HomeType.objects.filter(max_stay_days__isnull=False) if t.stay_warning_days
    }
    whens = _warning_windows(day, home_types.values())
    if not whens:
        return CheckResult()
    rows = (
        placements_with_stay_limit(day)
        .exclude(end_date__lte=F("stay_limit"))  # a move or end is planned within the limit
        .annotate(warning=Case(*whens, default=None, output_field=IntegerField()))
        .filter(warning__isnull=False)
        .values(*PLACEMENT_FIELDS, "home__home_type_id", "stay_limit", "warning")
    )

    def describe(row):
        home_type, limit = home_types[row["home__home_type_id"]], row["stay_limit"]
        return {
            "due": limit,
            "key": f"{row['warning']}d:{limit.isoformat()}",
            "summary": (
                f"The {home_type.name} stay limit ({home_type.max_stay_days} days) is "
                f"{limit:%d/%m/%Y}, {(limit - day).days} days away. Plan the move on, or ask a "
                "head of service to authorise an extension."
            ),
        }

    return placement_conditions(rows, describe)


@register_check("stay_limit_breach", title="Stay limit passed")
def stay_limit_breach(day):
    rows = (
        placements_with_stay_limit(day)
        .filter(stay_limit__lt=day)
        .values(*PLACEMENT_FIELDS, "home__home_type__name", "stay_limit", "end_date")
    )

    def describe(row):
        limit, leaving = row["stay_limit"], row["end_date"]
        still_there = (
            f"the child leaves on {leaving:%d/%m/%Y}. Authorise an extension to cover the days "
            "until then."
            if leaving
            else "the child has not moved on. Move them, or authorise an extension."
        )
        return {
            "due": limit,
            "key": limit.isoformat(),
            "summary": (
                f"The {row['home__home_type__name']} stay limit passed on {limit:%d/%m/%Y} and "
                f"{still_there}"
            ),
        }

    # Escalated to the heads of service every day until the child moves or the limit moves.
    return placement_conditions(rows, describe, escalate_to=audiences.heads_of_service())


@register_check("planned_end_passed", title="Planned end date passed")
def planned_end_passed(day):
    rows = (
        Placement.objects.active_on(day)
        .order_by()
        .filter(planned_end_date__lt=day, end_date__isnull=True)  # no move or end planned
        .values(*PLACEMENT_FIELDS, "planned_end_date")
    )

    def describe(row):
        return {
            "due": row["planned_end_date"],
            "key": row["planned_end_date"].isoformat(),
            "summary": (
                f"The placement was planned to end on {row['planned_end_date']:%d/%m/%Y} and is "
                "still open. Record the move, or change the planned end."
            ),
        }

    return placement_conditions(rows, describe)
