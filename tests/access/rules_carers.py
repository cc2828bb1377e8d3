from tests.web_c.world import carers_of

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
