"""Recording reviews, visits and placement plans: the child's social worker and administrators
record; a home manager who may see the child is sent on to the child's record; nobody reaches
another child's page by guessing its id."""

from .rules import ADMIN, HM, SW, Rule

PAGES = (
    "timescales:review_create",
    "timescales:visit_create",
    "timescales:plan_create",
    "timescales:outcomes",
)

RULES = [
    rule
    for name in PAGES
    for rule in (
        Rule(name, args=lambda w: [w.my_child.pk], allowed={SW, HM, ADMIN}),
        Rule(name, args=lambda w: [w.my_child.pk], method="post", allowed={SW, ADMIN}),
        Rule(name, args=lambda w: [w.other_child.pk], allowed={ADMIN}),
        Rule(name, args=lambda w: [w.other_child.pk], method="post", allowed={ADMIN}),
    )
]
