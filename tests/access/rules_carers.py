from tests.factories import CarerFactory

from .carers_world import carers_of
from .rules import ADMIN, HM, SW, Rule

VIEWERS = {SW, HM, ADMIN}


def _mine(w):
    return [carers_of(w).my_household.pk]


def _other(w):
    return [carers_of(w).other_household.pk]


RULES = [
    Rule("carers:list", allowed=VIEWERS),
    Rule("carers:detail", args=_mine, allowed=VIEWERS),
    Rule("carers:detail", args=_other, allowed=VIEWERS),
    # Approval: administrators, and the household's own supervising social worker.
    Rule("carers:approval", args=_mine, allowed={SW, ADMIN}),
    Rule("carers:approval", args=_other, allowed={ADMIN}),
    Rule("carers:approval", args=_mine, allowed={SW, ADMIN}, method="post"),
    Rule("carers:approval", args=_other, allowed={ADMIN}, method="post"),
    # Outreach: the hub's manager, social workers and administrators.
    Rule("carers:outreach_add", args=_mine, allowed=VIEWERS),
    Rule("carers:outreach_add", args=_other, allowed=VIEWERS),
    Rule("carers:outreach_add", args=_mine, allowed=VIEWERS, method="post"),
]

# Adding households, changing their details and their carers: administrators and the
# household's supervising social worker (a social worker who adds one supervises it).


def _my_carer(w):
    return [CarerFactory(household=carers_of(w).my_household).pk]


def _other_carer(w):
    return [CarerFactory(household=carers_of(w).other_household).pk]


MANAGERS = {SW, ADMIN}
RULES += [
    Rule("carers:new", allowed=MANAGERS),
    Rule("carers:new", allowed=MANAGERS, method="post"),
    Rule("carers:edit", args=_mine, allowed=MANAGERS),
    Rule("carers:edit", args=_other, allowed={ADMIN}),
    Rule("carers:edit", args=_mine, allowed=MANAGERS, method="post"),
    Rule("carers:edit", args=_other, allowed={ADMIN}, method="post"),
    Rule("carers:carer_add", args=_mine, allowed=MANAGERS),
    Rule("carers:carer_add", args=_other, allowed={ADMIN}),
    Rule("carers:carer_add", args=_mine, allowed=MANAGERS, method="post"),
    Rule("carers:carer_add", args=_other, allowed={ADMIN}, method="post"),
    Rule("carers:carer_edit", args=_my_carer, allowed=MANAGERS),
    Rule("carers:carer_edit", args=_other_carer, allowed={ADMIN}),
    Rule("carers:carer_edit", args=_my_carer, allowed=MANAGERS, method="post"),
    Rule("carers:carer_edit", args=_other_carer, allowed={ADMIN}, method="post"),
]
