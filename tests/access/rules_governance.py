"""A subject access request: administrators only, for any child; every other role is refused,
even for a child on their own caseload."""

from .rules import ADMIN, Rule

RULES = [
    Rule("governance:subject_access", args=lambda w: [w.my_child.pk], allowed={ADMIN}),
    Rule("governance:subject_access", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    *(
        Rule(
            "governance:subject_access_download",
            args=lambda w, f=f: [w.my_child.pk, f],
            allowed={ADMIN},
        )  # fmt: skip
        for f in ("pdf", "zip")
    ),
]
