from tests.web_b.helpers import extension_request, signed_off_matching

from .rules import ADMIN, HM, SW, Rule

PLACING = {ADMIN, SW, HM}


def _mine(w):
    return [w.my_placement.pk]


def _other(w):
    return [w.other_placement.pk]


RULES = [
    Rule("placements:new", allowed=PLACING),
    Rule("placements:new", allowed=PLACING, method="post"),
    Rule("placements:extensions", allowed={ADMIN}),
    Rule("placements:matching_new", allowed={ADMIN, HM}),
    Rule("placements:matching_new", allowed={ADMIN, HM}, method="post"),
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
for _name in ("detail", "move", "end", "planned_end"):
    RULES += [
        Rule(f"placements:{_name}", args=_mine, allowed=PLACING),
        Rule(f"placements:{_name}", args=_other, allowed={ADMIN}),
    ]
    if _name != "detail":
        RULES.append(Rule(f"placements:{_name}", args=_mine, allowed=PLACING, method="post"))
