"""Match requests in flight in the demo council, so the social worker and the home manager
each find real work on My work whatever the date: one waiting for the manager's assessment,
one agreed and ready to place, one declined.

Each goes through the services people use (placements.matching). The children and homes are
chosen from the demo as it is on the day: a child on the demo social worker's caseload whose
age fits one of the demo manager's homes, and for the agreed request one the social worker
can really place (tried, then rolled back), so the demo stays right however full the homes are.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from children.models import Child, ChildStatus
from core.dates import today
from homes.models import Home
from placements import matching
from placements.models import MatchRequest

SOCIAL_WORKER, MANAGER = "social.worker", "home.manager"

# (state, the home type asked first, days until the proposed start, planned stay in days or
#  None, what the child needs, the manager's answer)
REQUESTS = [
    (
        MatchRequest.Status.AGREED,
        "wraparound",
        5,
        None,
        "Foster placement is under strain after two missing episodes. Needs a small, calm "
        "home close to school while the family network is rebuilt; gets on well with younger "
        "children and responds to clear routines.",
        "A good fit: the others are settled and the room next to the staff sleep-in is free. "
        "Condition: a planning meeting with school before the first night.",
    ),
    (
        MatchRequest.Status.REQUESTED,
        "towards-home",
        10,
        182,
        "Ready to step down from residential care towards a family setting. Needs six months "
        "of intensive support on independence and school attendance; low risk to others, some "
        "anxiety at night.",
        "",
    ),
    (
        MatchRequest.Status.DECLINED,
        "safe-space",
        3,
        None,
        "Urgent: family home has broken down after an assault on a sibling. Needs a safe bed "
        "tonight or within days; known to exploit younger peers.",
        "The young people living here are younger and settled; the risk of exploitation is too "
        "high this month. A small-group or secure setting would suit better.",
    ),
]


class _TrialOver(Exception):
    """Raised to roll back a trial placement once it has succeeded."""


def create_match_requests(users) -> list[MatchRequest]:
    social_worker, manager = users[SOCIAL_WORKER], users[MANAGER]
    on = today()
    homes = list(
        Home.objects.filter(managers=manager)
        .open_on(on)
        .select_related("home_type")
        .order_by("name")
    )
    children = list(
        Child.objects.filter(social_worker=social_worker)
        .exclude(status=ChildStatus.CLOSED)
        .order_by("local_id")
    )
    made = []
    for state, home_type, lead, length, needs, answer in REQUESTS:
        start = on + datetime.timedelta(days=lead)
        asked_first = sorted(homes, key=lambda home: home.home_type.code != home_type)
        for child, home in _candidates(children, asked_first, start, made):
            end = _planned_end(home, start, length)
            try:
                with transaction.atomic():
                    match = _send(child, home, start, end, needs, social_worker)
                    _answer(match, state, answer, manager)
                    if state == MatchRequest.Status.AGREED:
                        _try_placing(match, social_worker)
            except ValidationError:
                continue  # this child cannot go there on that day: try the next
            made.append(match)
            break
    return made


def _candidates(children, homes, start, made):
    taken = {m.child_id for m in made}
    for home in homes:
        for child in children:
            age = child.age_on(start)
            if child.pk not in taken and home.home_type.min_age <= age <= home.home_type.max_age:
                yield child, home


def _planned_end(home, start, length):
    """The stay asked for, within the home type's limit when it has one."""
    limit = home.home_type.max_stay_days
    if limit is not None:
        length = min(length or limit, limit)
    return start + datetime.timedelta(days=length) if length else None


def _send(child, home, start, end, needs, social_worker):
    return matching.request_match(
        child=child,
        home=home,
        proposed_start=start,
        proposed_end=end,
        needs=needs,
        by=social_worker,
    )


def _answer(match, state, answer, manager):
    if state == MatchRequest.Status.AGREED:
        residents = matching.residents_on(match.home, match.proposed_start)
        matching.assess_match(
            match,
            decision="conditions",
            summary=answer,
            risks=[(resident, "low", "") for resident in residents],
            by=manager,
        )
    elif state == MatchRequest.Status.DECLINED:
        matching.decline_match(match, reason=answer, by=manager)


def _try_placing(match, social_worker):
    """Place the child as the social worker would from the agreed match, then undo it."""
    try:
        with transaction.atomic():
            matching.place_from_agreed_match(match, legal_status="C2", by=social_worker)
            raise _TrialOver
    except _TrialOver:
        pass
