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

# Adding a child, and the key worker (administrators and the child's allocated social worker).
RULES += [
    Rule("children:new", allowed={SW, ADMIN}),
    Rule("children:new", method="post", allowed={SW, ADMIN}),
    Rule("children:key_worker", args=lambda w: [w.my_child.pk], allowed={SW, ADMIN}),
    Rule("children:key_worker", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    Rule("children:key_worker", args=lambda w: [w.my_child.pk], method="post", allowed={SW, ADMIN}),
    Rule("children:key_worker", args=lambda w: [w.other_child.pk], method="post", allowed={ADMIN}),
]

# Allocating a social worker: heads of service (administrators) only.
RULES += [
    Rule("children:allocate", args=lambda w: [w.my_child.pk], allowed={ADMIN}),
    Rule("children:allocate", args=lambda w: [w.my_child.pk], method="post", allowed={ADMIN}),
]
