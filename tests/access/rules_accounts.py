from .rules import EVERYONE, Rule

RULES = [
    Rule("accounts:my_work", allowed=EVERYONE),
    # The second step of signing in (tests/accounts/test_two_factor.py tests what each one does).
    Rule("accounts:two_factor_setup", allowed=EVERYONE),
    Rule("accounts:two_factor_verify", allowed=EVERYONE),
]
