from tests.web_c.world import leavers_of

from .rules import ADMIN, PA, SW, Rule

STAFF = {PA, SW, ADMIN}


def _mine(w):
    return [leavers_of(w).my_leaver.pk]


def _other(w):
    return [leavers_of(w).other_leaver.pk]


RULES = [
    Rule("careleavers:list", allowed=STAFF),
    Rule("careleavers:detail", args=_mine, allowed=STAFF),
    Rule("careleavers:detail", args=_other, allowed={ADMIN}),
    Rule("careleavers:edit", args=_mine, allowed=STAFF),
    Rule("careleavers:edit", args=_other, allowed={ADMIN}),
    Rule("careleavers:edit", args=_mine, allowed=STAFF, method="post"),
    Rule("careleavers:edit", args=_other, allowed={ADMIN}, method="post"),
]
