from .rules import ADMIN, SW, Rule

RULES = [
    Rule("audit:search", allowed={ADMIN}),
    Rule("audit:export", args=lambda w: ["csv"], allowed={ADMIN}),
    Rule("audit:child_history", args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}),
    Rule("audit:child_history", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
]
