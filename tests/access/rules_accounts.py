from .rules import EVERYONE, Rule

RULES = [
    Rule("accounts:my_work", allowed=EVERYONE),
]
