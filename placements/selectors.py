"""Reading placements for the pages: who may act on which stay, pending extensions, match
requests, a child's placement history and a caseload's current stays with their progress
against stay limits."""

import datetime

from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)

from accounts.access import children_visible_to, has_role, homes_managed_by, role_of
from accounts.models import Role
from children.models import Child, ChildStatus
from core.lists import first_rows

from .missing import missing_now
from .models import MatchingAssessment, MatchRequest, Placement, StayExtension
from .rules import stay_limit


def placements_for(user):
    """The stays this person may open and act on: a social worker's caseload, a manager's
    homes (only stays there), everything for an administrator. Others: none."""
    stays = Placement.objects.live().filter(child__in=children_visible_to(user))
    if has_role(user, Role.HOME_MANAGER):
        stays = stays.filter(home__in=homes_managed_by(user))
    # Each page opens one stay: a unit or matching assessment is fetched when the stay has one
    # (one query); joining them too cost PostgreSQL 2 ms more to plan than they save.
    return stays.select_related("child", "home__home_type", "carer")


def pending_extensions(on: datetime.date):
    """Extension requests a head of service can still decide, oldest first."""
    return (
        StayExtension.objects.waiting(on)
        .select_related("placement__child", "placement__home", "placement__carer", "requested_by")
        .order_by("created_at", "id")
    )


def match_requests_for(user):
    """The match requests this person may open: for the homes a manager runs, those a social
    worker asked for or that are about a child on their caseload, all for an administrator."""
    requests = MatchRequest.objects.select_related(
        "child", "home__home_type", "requested_by", "answered_by", "withdrawn_by", "placement"
    )
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return requests
    if role == Role.HOME_MANAGER:
        return requests.filter(home__in=homes_managed_by(user))
    if role == Role.SOCIAL_WORKER:
        return requests.filter(Q(requested_by=user) | Q(child__in=children_visible_to(user)))
    return requests.none()


def match_requests_to_act_on(user):
    """The requests waiting for this person: to assess (a manager's homes; every home for an
    administrator) or to place (a social worker's agreed ones), oldest start first."""
    waiting = (
        MatchRequest.Status.AGREED
        if has_role(user, Role.SOCIAL_WORKER)
        else MatchRequest.Status.REQUESTED
    )
    return (
        match_requests_for(user)
        .filter(status=waiting)
        .select_related(None)  # only what My work shows: each join costs PostgreSQL planning time
        .select_related("child", "home", "requested_by")
        .order_by("proposed_start", "id")
    )


def match_requests_open_first(requests):
    """Waiting for the manager, then agreed, then the closed ones; newest first within each."""
    order = Case(
        When(status=MatchRequest.Status.REQUESTED, then=Value(0)),
        When(status=MatchRequest.Status.AGREED, then=Value(1)),
        default=Value(2),
    )
    return requests.annotate(open_order=order).order_by("open_order", "-created_at", "-id")


def matchings_for(user):
    """Matching assessments name the children living in the home, so only the home's
    managers and administrators open them."""
    return MatchingAssessment.objects.filter(home__in=homes_managed_by(user)).select_related(
        "child", "home", "signed_off_by"
    )


def with_authorised_extension(placements):
    """Annotate the latest authorised extension, which `stay_limit` then reads without a query."""
    latest = StayExtension.objects.filter(
        placement=OuterRef("pk"), status=StayExtension.Status.AUTHORISED
    ).order_by("-extend_to")
    return placements.annotate(authorised_extend_to=Subquery(latest.values("extend_to")[:1]))


def stay_progress(placement, on: datetime.date) -> dict | None:
    """'Day 22 of 28' for a stay in a home type with a limit, and whether it is near or over it."""
    limit = stay_limit(placement)
    if limit is None:
        return None
    day = placement.days_in_placement(on) + 1
    of = (limit - placement.start_date).days
    warn = max(placement.home.home_type.stay_warning_days or [0])
    if day > of:
        state = "over"
    elif of - day < warn:
        state = "near"
    else:
        state = "within"
    return {"day": day, "of": of, "limit": limit, "state": state}


def open_cases(user):
    """The open cases a social worker or personal adviser holds, by name."""
    return (
        children_visible_to(user)
        .exclude(status=ChildStatus.CLOSED)
        .order_by("last_name", "first_name", "pk")
    )


def caseload_children(user, on: datetime.date):
    """The open cases (`open_cases`), each with its current stay's `placed_on` (start),
    `planned_end` and `placed_with` ("home", "carer" or None) to filter and sort by."""
    current = Placement.objects.active_on(on).filter(child=OuterRef("pk")).order_by("-start_date")
    return open_cases(user).annotate(
        placed_on=Subquery(current.values("start_date")[:1]),
        planned_end=Subquery(current.values("planned_end_date")[:1]),
        placed_with=Case(
            When(Exists(current.filter(home__isnull=False)), then=Value("home")),
            When(Exists(current.filter(carer__isnull=False)), then=Value("carer")),
            default=None,
            output_field=CharField(),
        ),
    )


def with_current_stays(children, on: datetime.date) -> list:
    """The children, each with its current stay (`current`), progress against the home type's
    stay limit (`progress`) and the missing episode it is in now (`missing`): three queries,
    however many children."""
    children = list(children)
    current = with_authorised_extension(
        Placement.objects.active_on(on).select_related("home__home_type", "carer")
    )
    prefetch_related_objects(
        children, Prefetch("placements", queryset=current, to_attr="current_stays")
    )
    gone = missing_now(Child.objects.filter(pk__in=[child.pk for child in children]))
    for child in children:
        child.current = child.current_stays[0] if child.current_stays else None
        child.progress = stay_progress(child.current, on) if child.current else None
        child.missing = gone.get(child.pk)
    return children


def caseload(user, on: datetime.date, shown: int | None = None):
    """The first `shown` open cases, with their current stays (see `with_current_stays`)."""
    return with_current_stays(open_cases(user)[:shown], on)


def placement_history(child, on: datetime.date, shown: int | None = None) -> dict:
    """The child's placements, in one query however many (a child on regular short breaks
    has dozens; one more when a stay shown has extension requests, and one when stays not yet
    left lie beyond those shown): the newest `shown` (None: all) as `history`, how many there
    are (`total`), the one the child lives in on `on` (`current`, with its `progress`) and the
    next one planned (`upcoming`). Each stay says whether it is current (`is_current`) or to
    come (`is_upcoming`), and lists its `extension_requests`, newest first."""
    stays = with_authorised_extension(
        child.placements.select_related("home__home_type", "carer", "unit")
    )
    asked = StayExtension.objects.filter(placement=OuterRef("pk"))
    history, total = first_rows(stays.annotate(has_extensions=Exists(asked)), shown)
    # Few stays have extension requests: a query for them only when a stay shown has some.
    prefetch_related_objects([stay for stay in history if stay.has_extensions], "extensions")
    for stay in history:
        stay.extension_requests = list(stay.extensions.all()) if stay.has_extensions else []
    # The stays not left by `on` (the current one and any planned), wherever the history ends.
    # A child lives in one placement at a time (the ledger refuses overlaps), so once the oldest
    # live stay shown has been left, so has every older one: they are all in the history.
    shown_live = [stay for stay in history if not stay.entered_in_error]
    if len(history) == total or (shown_live and _left_by(shown_live[-1], on)):
        not_left = [stay for stay in shown_live if not _left_by(stay, on)]
    else:
        not_left = list(stays.filter(entered_in_error=False).exclude(end_date__lte=on))
    for stay in history + not_left:
        live = not stay.entered_in_error
        stay.is_current = live and stay.start_date <= on and not _left_by(stay, on)
        stay.is_upcoming = live and stay.start_date > on
        stay.progress = stay_progress(stay, on) if stay.is_current else None
    return {
        "history": history,
        "total": total,
        "current": next((stay for stay in not_left if stay.is_current), None),
        "upcoming": next((stay for stay in reversed(not_left) if stay.is_upcoming), None),
    }


def _left_by(stay, on) -> bool:
    return stay.end_date is not None and stay.end_date <= on


def child_placements(user, child, on: datetime.date, shown: int | None = None) -> dict:
    """What a child's record shows of the ledger: the history (see `placement_history`), the
    stay the child lives in on `on` (which this person may or may not act on) and the next one
    planned, and the match requests they may open (five queries at most)."""
    panel = placement_history(child, on, shown)
    current = panel["current"]
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.SOCIAL_WORKER):
        may_act = True  # the record page has checked the child is theirs to see
    elif role == Role.HOME_MANAGER and current is not None and current.home_id:
        may_act = homes_managed_by(user).filter(pk=current.home_id).exists()
    else:
        may_act = False
    requests = []
    if role in (Role.ADMINISTRATOR, Role.SOCIAL_WORKER, Role.HOME_MANAGER):
        mine = match_requests_for(user).filter(child=child).select_related(None)
        requests = list(match_requests_open_first(mine.select_related("home"))[:5])
    return {
        **panel,
        "may_act": may_act,
        "may_find_placement": role in (Role.ADMINISTRATOR, Role.SOCIAL_WORKER),
        "match_requests": requests,
    }
