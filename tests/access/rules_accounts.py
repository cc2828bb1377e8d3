from .rules import ADMIN, EVERYONE, SW, Rule

RULES = [
    Rule("accounts:my_work", allowed=EVERYONE),
    # The searches of the forms that allocate someone: for those who may use each form.
    Rule("accounts:people", args=lambda w: ["social_worker"], allowed={ADMIN}),
    Rule("accounts:people", args=lambda w: ["supervising_social_worker"], allowed={ADMIN}),
    Rule("accounts:people", args=lambda w: ["key_worker"], allowed={ADMIN, SW}),
    Rule("accounts:people", args=lambda w: ["personal_adviser"], allowed={ADMIN, SW}),
    # The second step of signing in (tests/accounts/test_two_factor.py tests what each one does).
    Rule("accounts:two_factor_setup", allowed=EVERYONE),
    Rule("accounts:two_factor_verify", allowed=EVERYONE),
]
