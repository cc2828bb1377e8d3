"""A child's 903 episodes read back into the ledger as stays and legal statuses, through the
same services as the forms: each episode that begins with a move (RNE S, P, T, B, U) is a new
stay (`place_child`), each legal status change without a move (RNE L) is recorded on the stay
(`change_legal_status`), and the stay ends with the last of its episodes (`end_placement`).
The ledger works out the reason for each new episode itself; a file that says otherwise is
reported, not believed.

Where the child lived is found among the places the council has set up before the import:
a home by its Ofsted URN (K1, K2), a carer household by its postcode and fostering service's
URN, the first the rules allow (a short break, which the return gives no location, in the
first home or household that offers it); anything else is a placement elsewhere, named after
its type.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from audit import capture
from carers.models import CarerHousehold
from core import codes, postcodes
from homes.models import Home
from placements import legal_status, services
from placements.models import Outcome
from placements.rules import SHORT_BREAK_MAX_DAYS
from placements.type_rules import ELSEWHERE, WITH_CARERS

from .import_files import Problem, Row

IN_A_HOME = {"K1", "K2"}
LEAVING_OUTCOMES = {
    **dict.fromkeys(("E4A", "E4B", "E13"), Outcome.RETURNED_HOME),
    **dict.fromkeys(("E11", "E12", "E41", "E45", "E46", "E47", "E48"), Outcome.PERMANENCE),
    **dict.fromkeys(("E5", "E6"), Outcome.INDEPENDENCE),
    "E9": Outcome.CUSTODY,
    "E17": Outcome.FOSTER_CARE,
}
MOVING_OUTCOMES = {
    **dict.fromkeys(IN_A_HOME, Outcome.ANOTHER_HOME),
    **dict.fromkeys(("U1", "U2", "U3"), Outcome.KINSHIP),
    **dict.fromkeys(("U4", "U5", "U6"), Outcome.FOSTER_CARE),
    **dict.fromkeys(codes.ADOPTION_PLACEMENTS, Outcome.PERMANENCE),
    "K3": Outcome.INDEPENDENCE,
    "P1": Outcome.RETURNED_HOME,
    "R5": Outcome.CUSTODY,
}


def check_chain(episodes: list[Row]) -> list[Problem]:
    """What is wrong with one child's episodes (oldest first) before anything is written:
    overlaps, a child in two places at once, and postcodes that do not exist."""
    problems = []
    for before, after in zip(episodes, episodes[1:], strict=False):
        if after["DECOM"] == before["DECOM"]:
            problems.append(after.problem(
                f"The child is in two places at once: the episode on line {before.line} of "
                f"{before.file} also begins on {after['DECOM']:%d/%m/%Y}."))  # fmt: skip
        elif before["DEC"] == "" or after["DECOM"] < before["DEC"]:
            until = f"to {before['DEC']:%d/%m/%Y}" if before["DEC"] else "with no end"
            problems.append(after.problem(
                f"The episode overlaps the one on line {before.line} of {before.file} "
                f"(from {before['DECOM']:%d/%m/%Y} {until})."))  # fmt: skip
    for episode in episodes:
        for column in ("HOME_POST", "PL_POST"):
            code = episode[column]
            if code and not postcodes.exists(code):
                problems.append(episode.problem(f"{column} {postcodes.unknown(code)}"))
    return problems


def _stays(episodes: list[Row]) -> list[list[Row]]:
    """The episodes grouped by stay: an RNE L episode goes on the stay before it."""
    stays = []
    for episode in episodes:
        if episode["RNE"] == "L" and stays and stays[-1][-1]["DEC"] == episode["DECOM"]:
            stays[-1].append(episode)
        else:
            stays.append([episode])
    return stays


def import_episodes(child, episodes: list[Row], *, by) -> None:
    """Record the child's stays and legal statuses; raise ImportFailed at the first row the
    ledger refuses."""
    stays = _stays(episodes)
    previous = None
    for number, group in enumerate(stays):
        first, last = group[0], group[-1]
        stay = _place(child, first, last["DEC"] or None, previous, by=by)
        if number == 0 and first["RNE"] != stay.reason_new_episode:
            _keep_history_reason(stay, first["RNE"], by=by)
        elif stay.reason_new_episode != first["RNE"]:
            raise ImportFailed(first.problem(
                f"RNE is {first['RNE']}, but what changed from the episode before makes it "
                f"{stay.reason_new_episode or 'no new episode'}: check the episodes."))  # fmt: skip
        for change in group[1:]:
            with failing_at(change):
                legal_status.change_legal_status(
                    child=child, legal_status=change["LS"], on=change["DECOM"], by=by
                )
        if last["DEC"]:
            following = stays[number + 1][0] if number + 1 < len(stays) else None
            with failing_at(last):
                services.end_placement(
                    stay,
                    end_date=last["DEC"],
                    outcome=_outcome(last, following),
                    reason_episode_ceased=last["REC"],
                    reason_placement_change=last["REASON_PLACE_CHANGE"],
                    by=by,
                )
        previous = stay


def _keep_history_reason(stay, reason: str, *, by) -> None:
    """The first stay imported may begin mid-way through a period of care that began before
    the files: it keeps the file's reason (placements.episodes reads it for a first stay)."""
    stay.reason_new_episode = reason
    with capture.acting_as(by):
        stay.save(update_fields=["reason_new_episode"])


def _place(child, first: Row, end, previous, *, by):
    """The stay in the first place the rules allow among those that fit the episode: the
    return names a home by its URN and a household only by its postcode and URN (and a short
    break by nothing), so each candidate is tried in turn."""
    refused = []
    for where in _candidates(first, previous):
        try:
            with transaction.atomic():
                return services.place_child(
                    child=child,
                    start_date=first["DECOM"],
                    planned_end_date=_planned_end(first, end, where.get("home")),
                    legal_status=first["LS"],
                    placement_type=first["PLACE"],
                    provider=first["PLACE_PROVIDER"],
                    home_postcode=first["HOME_POST"],
                    is_short_break=first["LS"] in codes.SHORT_BREAK_LEGAL_STATUSES,
                    by=by,
                    **where,
                )
        except ValidationError as error:
            refused.append(" ".join(error.messages))
    if refused:
        raise ImportFailed(first.problem(refused[0]))
    raise ImportFailed(first.problem(_nowhere(first)))


def _planned_end(first: Row, end, home):
    """The stay's end as its plan: within a home's stay limit or a short break's 17 days
    (the child may have stayed longer: the plan could not say so)."""
    limits = []
    if home is not None and home.home_type.max_stay_days is not None:
        limits.append(first["DECOM"] + datetime.timedelta(days=home.home_type.max_stay_days))
    if first["LS"] in codes.SHORT_BREAK_LEGAL_STATUSES:
        limits.append(first["DECOM"] + datetime.timedelta(days=SHORT_BREAK_MAX_DAYS))
    if end is None:
        return min(limits, default=None)
    return min([end, *limits])


def _candidates(episode: Row, previous):
    """Where the episode may be, best first: a home (K1, K2), carer households whose type
    allows the placement type, or a named place elsewhere."""
    place, urn = episode["PLACE"], episode["URN"]
    postcode = postcodes.normalise(episode["PL_POST"])
    if place in IN_A_HOME:
        homes = Home.objects.select_related("home_type").order_by("pk")
        if urn:
            homes = homes.filter(ofsted_urn__iexact=urn)
        elif episode["LS"] in codes.SHORT_BREAK_LEGAL_STATUSES:
            homes = homes.filter(home_type__offers_short_breaks=True)
        else:
            homes = homes.none()
        yield from ({"home": home} for home in homes)
        return
    kinds = [kind for kind, allowed in WITH_CARERS.items() if place in allowed]
    households = CarerHousehold.objects.filter(carer_type__in=kinds).order_by("pk")
    if urn or postcode:
        households = households.filter(postcode=postcode, urn__iexact=urn)
    elif episode["LS"] not in codes.SHORT_BREAK_LEGAL_STATUSES:
        households = households.none()
    on = episode["DECOM"]
    found = list(
        households.annotate(
            children=Count(  # the least busy first: the return cannot tell them apart
                "placements",
                filter=Q(placements__entered_in_error=False, placements__start_date__lte=on)
                & (Q(placements__end_date__isnull=True) | Q(placements__end_date__gt=on)),
            )
        )
    )
    was = previous.carer_id if previous is not None else None
    same_carer = episode["RNE"] in ("T", "U")  # the carer the child was with first, else last
    found.sort(key=lambda household: ((household.pk == was) != same_carer, household.children))
    yield from ({"carer": household} for household in found)
    if place in ELSEWHERE:
        yield {
            "provider_name": f"{codes.PlacementType(place).label} (from the SSDA903 return)",
            "placement_postcode": postcode,
            "urn": urn,
        }


def _nowhere(episode: Row) -> str:
    if episode["PLACE"] in IN_A_HOME:
        return (f"No home has the Ofsted URN {episode['URN'] or '(blank)'}: add the homes the "
                "council places children in before importing.")  # fmt: skip
    return (f"No carer household at {episode['PL_POST'] or '(no postcode)'} with the fostering "
            f"service URN {episode['URN'] or '(blank)'} may have a {episode['PLACE']} placement: "
            "add the council's carer households before importing.")  # fmt: skip


def _outcome(last: Row, following: Row | None) -> str:
    """Where the child went next, in Homeward's words: from the reason the episode ended, or
    from where they moved to."""
    if last["REC"] == codes.ReasonEpisodeCeased.X1 and following is not None:
        return MOVING_OUTCOMES.get(following["PLACE"], Outcome.OTHER)
    return LEAVING_OUTCOMES.get(last["REC"], Outcome.OTHER)


class ImportFailed(Exception):
    """A row the ledger would not take; the child's import stops there."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class failing_at:
    """Turn the ledger's ValidationError into an ImportFailed naming the row."""

    def __init__(self, row: Row):
        self.row = row

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if isinstance(error, ValidationError):
            raise ImportFailed(self.row.problem(" ".join(error.messages))) from error
        return False
