import datetime

from placements.models import Placement
from tests.placements.helpers import extension_request, match_request, signed_off_matching

from .rules import ADMIN, HM, SW, Rule

PLACING = {ADMIN, SW, HM}


def _mine(w):
    return [w.my_placement.pk]


def _other(w):
    return [w.other_placement.pk]


RULES = [
    Rule("placements:new", allowed=PLACING),
    Rule("placements:new", allowed=PLACING, method="post"),
    Rule("placements:choices", args=lambda w: ["child"], allowed=PLACING),
    Rule("placements:extensions", allowed={ADMIN}),
    Rule("placements:requests", allowed=PLACING),
    # The social worker's child lives in the manager's home; the other stay is nobody's here.
    Rule("placements:extension_request", args=_mine, allowed={SW, HM}),
    Rule("placements:extension_request", args=_other, allowed=set()),
    Rule("placements:extension_request", args=_mine, allowed={SW, HM}, method="post"),
    Rule(
        "placements:extension_decide",
        args=lambda w: [extension_request(w.my_placement).pk],
        allowed={ADMIN},
    ),
    Rule(
        "placements:extension_decide",
        args=lambda w: [extension_request(w.my_placement).pk],
        allowed={ADMIN},
        method="post",
    ),
    Rule(
        "placements:matching_detail",
        args=lambda w: [signed_off_matching(w.other_child, w.my_home).pk],
        allowed={ADMIN, HM},
    ),
    Rule(
        "placements:matching_detail",
        args=lambda w: [signed_off_matching(w.my_child, w.other_home).pk],
        allowed={ADMIN},
    ),
]


def _to_my_home(w):
    """A request for a child not on the social worker's caseload, to the manager's home."""
    return [match_request(w.other_child, w.my_home, by=w.users[ADMIN]).pk]


def _from_social_worker(w):
    """The social worker's request for their child, to a home the manager does not run."""
    return [match_request(w.my_child, w.other_home, by=w.users[SW]).pk]


def _leaving(placement):
    """The stay with a move or end recorded for a day still to come."""
    Placement.objects.filter(pk=placement.pk).update(
        end_date=datetime.date.today() + datetime.timedelta(days=5)
    )
    return [placement.pk]


RULES += [
    # Asking for a match: the social worker for their child, an administrator for anyone.
    Rule(
        "placements:request_new",
        query=lambda w: {"child": w.my_child.pk, "home": w.other_home.pk},
        allowed={ADMIN, SW},
    ),
    Rule(
        "placements:request_new",
        query=lambda w: {"child": w.my_child.pk, "home": w.other_home.pk},
        allowed={ADMIN, SW},
        method="post",
    ),
    Rule(
        "placements:request_new",
        query=lambda w: {"child": w.other_child.pk, "home": w.my_home.pk},
        allowed={ADMIN},
    ),
    Rule("placements:request_detail", args=_to_my_home, allowed={ADMIN, HM}),
    Rule("placements:request_detail", args=_from_social_worker, allowed={ADMIN, SW}),
    Rule("placements:request_withdraw", args=_from_social_worker, allowed={ADMIN, SW}),
    Rule("placements:request_withdraw", args=_to_my_home, allowed={ADMIN}),
    Rule(
        "placements:request_withdraw",
        args=_from_social_worker,
        allowed={ADMIN, SW},
        method="post",
    ),
    Rule("placements:cancel_leaving", args=lambda w: _leaving(w.my_placement), allowed=PLACING),
    Rule("placements:cancel_leaving", args=lambda w: _leaving(w.other_placement), allowed={ADMIN}),
    Rule(
        "placements:cancel_leaving",
        args=lambda w: _leaving(w.my_placement),
        allowed=PLACING,
        method="post",
    ),
]
# The home's manager answers: the manager of that home, or an administrator.
for _name in ("assess", "decline"):
    RULES += [
        Rule(f"placements:request_{_name}", args=_to_my_home, allowed={ADMIN, HM}),
        Rule(f"placements:request_{_name}", args=_from_social_worker, allowed={ADMIN}),
        Rule(f"placements:request_{_name}", args=_to_my_home, allowed={ADMIN, HM}, method="post"),
    ]
for _name in ("detail", "move", "end", "planned_end"):
    RULES += [
        Rule(f"placements:{_name}", args=_mine, allowed=PLACING),
        Rule(f"placements:{_name}", args=_other, allowed={ADMIN}),
    ]
    if _name != "detail":
        RULES.append(Rule(f"placements:{_name}", args=_mine, allowed=PLACING, method="post"))
