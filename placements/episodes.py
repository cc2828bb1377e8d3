"""A child's SSDA903 episodes, derived from the ledger: never typed twice.

A new 903 episode starts whenever the legal status, the placement (type, provider, postcode,
URN) or the carer changes. The ledger holds stays (`Placement`) and legal statuses
(`LegalStatusRecord`): each stay is one episode, split where the legal status changed during
it, and joined to the next stay when nothing the DfE counts changed (a move to another bed in
the same home). The reason for each new episode (RNE) is worked out from what changed.

`episodes(children, start, end)` reads every child's episodes for a period in three queries,
whatever the number of children; the DfE return reads it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, replace

from children.models import LegalStatusRecord
from core import codes

from .models import Placement

X1 = codes.ReasonEpisodeCeased.X1


@dataclass(frozen=True)
class State:
    """What the DfE compares between one episode and the next."""

    legal_status: str
    place: str
    provider: str
    postcode: str
    urn: str
    carer: tuple  # who looks after the child: the home, the household, or the named place

    @classmethod
    def of(cls, stay, legal_status=None) -> "State":
        if stay.home_id:
            carer = ("home", stay.home_id)
        elif stay.carer_id:
            carer = ("carer", stay.carer_id)
        else:
            carer = ("elsewhere", stay.provider_name.strip().lower(), stay.placement_postcode)
        return cls(
            legal_status=legal_status or stay.legal_status,
            place=stay.placement_type,
            provider=stay.provider,
            postcode=stay.placement_postcode,
            urn=stay.urn,
            carer=carer,
        )


def reason_new_episode(before: State | None, after: State) -> str | None:
    """S, L, P, T, B or U from what changed since the episode the child left that day (`before`,
    None when they were not looked after the day before); None when nothing the DfE counts did."""
    if before is None:
        return codes.ReasonNewEpisode.S
    legal = before.legal_status != after.legal_status
    carer = before.carer != after.carer
    placement = carer or (before.place, before.provider, before.postcode, before.urn) != (
        after.place,
        after.provider,
        after.postcode,
        after.urn,
    )
    if not placement:
        return codes.ReasonNewEpisode.L if legal else None
    if carer:
        return codes.ReasonNewEpisode.B if legal else codes.ReasonNewEpisode.P
    return codes.ReasonNewEpisode.U if legal else codes.ReasonNewEpisode.T


@dataclass(frozen=True)
class Episode:
    """One row of the DfE Episodes table, with dates as dates. `child_id` stands for CHILD;
    `placement_id` is the stay the episode began in, to link to the record to fix."""

    child_id: int
    placement_id: int
    DECOM: datetime.date
    RNE: str
    LS: str
    CIN: str
    PLACE: str
    PLACE_PROVIDER: str
    DEC: datetime.date | None
    REC: str
    REASON_PLACE_CHANGE: str
    HOME_POST: str
    PL_POST: str
    URN: str


@dataclass
class _Run:
    """An episode being built: the stays it spans, from `start` to `end` (None: still open)."""

    start: datetime.date
    end: datetime.date | None
    state: State
    rne: str
    first: object  # the stay it began in
    last: object  # the stay it ends in
    ended_by_change: str = ""  # the RNE of the episode that follows it the same day


def _pieces(stay, changes):
    """(start, end, state) for the stay, split at each legal status change inside it."""
    cuts = [(stay.start_date, State.of(stay))]
    for day, status in changes:
        inside = stay.start_date < day and (stay.end_date is None or day < stay.end_date)
        if inside and status != cuts[-1][1].legal_status:
            cuts.append((day, replace(cuts[-1][1], legal_status=status)))
    ends = [day for day, _ in cuts[1:]] + [stay.end_date]
    return [(start, end, state) for (start, state), end in zip(cuts, ends, strict=True)]


def child_episodes(stays, changes, category_of_need: str = "") -> list[Episode]:
    """Every 903 episode of one child, oldest first, from their live stays (oldest first) and
    their legal status changes as (day, status) pairs in date order."""
    runs: list[_Run] = []
    for stay in stays:
        for start, end, state in _pieces(stay, changes):
            last = runs[-1] if runs else None
            contiguous = last is not None and last.end == start
            rne = reason_new_episode(last.state if contiguous else None, state)
            if last is None and stay.reason_new_episode not in ("", codes.ReasonNewEpisode.S):
                rne = stay.reason_new_episode  # history imported from mid-way through care
            if rne is None:  # nothing the DfE counts changed: the episode goes on
                last.end, last.last = end, stay
                continue
            if contiguous:
                last.ended_by_change = rne
            runs.append(_Run(start, end, state, rne, first=stay, last=stay))
    return [_episode(run, category_of_need) for run in runs]


def _episode(run: _Run, category_of_need: str) -> Episode:
    if run.ended_by_change:
        rec = X1
        moved = run.ended_by_change != codes.ReasonNewEpisode.L
        reason_change = run.last.reason_placement_change if moved else ""
    else:
        rec = run.last.reason_episode_ceased if run.end else ""
        reason_change = ""
    short_break = run.state.legal_status in codes.SHORT_BREAK_LEGAL_STATUSES
    return Episode(
        child_id=run.first.child_id,
        placement_id=run.first.pk,
        DECOM=run.start,
        RNE=run.rne,
        LS=run.state.legal_status,
        CIN=category_of_need,
        PLACE=run.state.place,
        PLACE_PROVIDER=run.state.provider,
        DEC=run.end,
        REC=rec,
        REASON_PLACE_CHANGE=reason_change,
        HOME_POST="" if short_break else run.first.home_postcode,  # rules 214, 398: no
        PL_POST="" if short_break else run.state.postcode,  # postcodes for short breaks
        URN="" if short_break else run.state.urn,
    )


def episodes(children, start: datetime.date, end: datetime.date) -> dict[int, list[Episode]]:
    """The 903 episodes of each child in `children` (a queryset) that were open on any day from
    `start` to `end` inclusive (a collection year: 1 April to 31 March), oldest first, keyed by
    child id. An episode still open after `end` is given open (no DEC, no REC), as the DfE
    asks. Three queries, whatever the number of children."""
    needs = dict(children.values_list("pk", "category_of_need"))
    ids = list(needs)
    stays = defaultdict(list)
    for stay in (
        Placement.objects.live()
        .filter(child_id__in=ids, start_date__lte=end)
        .order_by("child_id", "start_date", "id")
    ):
        stays[stay.child_id].append(stay)
    changes = defaultdict(list)
    for child_id, day, status in (
        LegalStatusRecord.objects.live()
        .filter(child_id__in=ids, start_date__lte=end)
        .order_by("child_id", "start_date", "id")
        .values_list("child_id", "start_date", "legal_status")
    ):
        changes[child_id].append((day, status))
    found = {}
    for child_id, child_stays in stays.items():
        rows = [
            _as_at(e, end)
            for e in child_episodes(child_stays, changes[child_id], needs.get(child_id, ""))
            if end >= e.DECOM and (e.DEC is None or start <= e.DEC)
        ]
        if rows:
            found[child_id] = rows
    return found


def _as_at(episode: Episode, end: datetime.date) -> Episode:
    """An episode that ended after the period is reported as open at its end."""
    if episode.DEC is not None and end < episode.DEC:
        return replace(episode, DEC=None, REC="", REASON_PLACE_CHANGE="")
    return episode


def previous_state(child, day: datetime.date) -> State | None:
    """The 903 state the child was in the day before `day` (None: not looked after then), for
    the reason a stay starting on `day` begins a new episode."""
    before = (
        Placement.objects.live().filter(child=child, end_date=day).order_by("-start_date").first()
    )
    if before is None:
        return None
    status = (
        LegalStatusRecord.objects.live()
        .filter(child=child, start_date__gt=before.start_date, start_date__lt=day)
        .order_by("-start_date", "-id")
        .values_list("legal_status", flat=True)
        .first()
    )
    return State.of(before, status)
