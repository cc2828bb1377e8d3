from .rules import ADMIN, HM, PA, SW, Rule

RULES = [
    Rule("children:search", allowed={SW, HM, PA, ADMIN}),
    # The social worker's child is placed in the manager's home; the other child is nobody's here.
    Rule("children:detail", args=lambda w: [w.my_child.pk], allowed={SW, HM, ADMIN}),
    Rule("children:detail", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    Rule("children:edit", args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}),
    Rule("children:edit", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    Rule("children:edit", args=lambda w: [w.other_child.pk], method="post", allowed={ADMIN}),
]
