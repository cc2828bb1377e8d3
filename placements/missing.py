"""Missing and away from placement without authorisation: recording when a child went and came
back, and who is missing now (the occupancy board, My work, the DfE Missing table).

A child goes missing from a stay: they must be looked after then, and one missing episode is
open at a time (DfE rule 574). Times are kept; the return reads their dates in UK time (settings.TIME_ZONE).
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role
from audit.capture import as_by
from children.models import Child

from .models import MissingEpisode, Placement

# Who records a child missing and back: their social worker, and the manager of the home they
# went missing from (from the home's page), as well as administrators.
RECORDERS = (Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.ADMINISTRATOR)


def _stay_on(child, moment):
    day = timezone.localtime(moment).date()
    return Placement.objects.filter(child=child).active_on(day).first()


@as_by
@transaction.atomic
def record_missing(*, child, kind, started_at, ended_at=None, note="", by) -> MissingEpisode:
    """Record that the child went missing (or away without authorisation), and came back if
    that is known already."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    now = timezone.now()
    errors = {}
    if started_at > now:
        errors["started_at"] = "The time they went missing must be now or in the past."
    if ended_at is not None and (ended_at > now or ended_at <= started_at):
        errors["ended_at"] = (
            "The time they came back must be after they went, and not later than now."
        )
    stay = _stay_on(child, started_at)
    if stay is None:
        errors.setdefault(
            "started_at",
            f"{child.full_name} was not in a placement then: record missing episodes while "
            "the child is looked after.",
        )
    clash = (
        MissingEpisode.objects.live()
        .filter(child=child)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=started_at))
    )
    if ended_at is not None:
        clash = clash.filter(started_at__lt=ended_at)
    clash = clash.first()
    if clash is not None and "started_at" not in errors:
        errors["started_at"] = (
            f"{child.full_name} is already recorded as {clash.get_kind_display().lower()} from "
            f"{timezone.localtime(clash.started_at):%d/%m/%Y %H:%M}"
            + ("" if clash.ended_at else ": record when they came back first.")
            + (
                ""
                if not clash.ended_at
                else f" to {timezone.localtime(clash.ended_at):%d/%m/%Y %H:%M}."
            )
        )
    if errors:
        raise ValidationError(errors)
    episode = MissingEpisode.objects.create(
        child=child,
        placement=stay,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        note=note,
        recorded_by=by,
    )
    return episode


@as_by
@transaction.atomic
def record_return(episode: MissingEpisode, *, ended_at, note="", by) -> MissingEpisode:
    """Record when a missing child came back."""
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError("This missing episode has already ended.")
    if ended_at > timezone.now() or ended_at <= episode.started_at:
        raise ValidationError(
            {
                "ended_at": "The time they came back must be after "
                f"{timezone.localtime(episode.started_at):%d/%m/%Y %H:%M}, and not later than now."
            }
        )
    episode.ended_at = ended_at
    if note:
        episode.note = f"{episode.note}\n{note}".strip()
    episode.save()
    return episode


def missing_now(children) -> dict[int, MissingEpisode]:
    """The open missing episode of each child in `children` (a queryset) who is missing now,
    keyed by child id: one query."""
    return {
        e.child_id: e
        for e in MissingEpisode.objects.open().filter(child__in=children).order_by("started_at")
    }


def missing_from_homes(home_ids) -> dict[int, list[MissingEpisode]]:
    """The children missing now from a stay in each home, keyed by home id: one query."""
    found = defaultdict(list)
    for episode in (
        MissingEpisode.objects.open()
        .filter(placement__home_id__in=list(home_ids), placement__end_date__isnull=True)
        .select_related("child", "placement")
        .order_by("started_at")
    ):
        found[episode.placement.home_id].append(episode)
    return found


def missing_rows(children, start: datetime.date, end: datetime.date) -> list[dict]:
    """The DfE Missing table for a period (1 April to 31 March): every episode of a child in
    `children` open on any day of it, with UK dates. One query."""
    first = datetime.datetime.combine(
        start, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    after = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    rows = []
    for episode in (
        MissingEpisode.objects.live()
        .filter(child__in=children, started_at__lt=after)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=first))
        .order_by("child_id", "started_at")
    ):
        ended = episode.ended_at if episode.ended_at and episode.ended_at < after else None
        rows.append(
            {
                "child_id": episode.child_id,
                "MISSING": episode.kind,
                "MIS_START": timezone.localtime(episode.started_at).date(),
                "MIS_END": timezone.localtime(ended).date() if ended else None,
            }
        )
    return rows
