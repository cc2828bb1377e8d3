from .carers_world import leavers_of
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
    Rule("careleavers:in_touch_new", args=_mine, allowed=STAFF),
    Rule("careleavers:in_touch_new", args=_mine, allowed=STAFF, method="post"),
    Rule("careleavers:in_touch_new", args=_other, allowed={ADMIN}),
]

# Starting leaving-care support from a child's record: social workers who may see the child,
# and administrators. my_child is on the social worker's caseload; other_child is nobody's.
RULES += [
    Rule("careleavers:new", args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}),
    Rule("careleavers:new", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    Rule("careleavers:new", args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}, method="post"),
    Rule("careleavers:new", args=lambda w: [w.other_child.pk], allowed={ADMIN}, method="post"),
]
