"""How the permission table is written. Each app lists its URLs in tests/access/rules_<app>.py:

    RULES = [
        Rule("children:detail", args=lambda w: [w.my_child.pk], allowed={SW, HM, ADMIN}),
        Rule("children:detail", args=lambda w: [w.other_child.pk], allowed={ADMIN}),
    ]

`allowed` roles must get a page (200) or a redirect that is not to the login page; every
other role must get 403 or 404, and a signed-out visitor is sent to sign in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts.models import Role

SW = Role.SOCIAL_WORKER
HM = Role.HOME_MANAGER
IV = Role.INDEPENDENT_VISITOR
BM = Role.BOARD_MEMBER
ADMIN = Role.ADMINISTRATOR
PA = Role.PERSONAL_ADVISER
EVERYONE = frozenset(Role.values)


@dataclass(frozen=True)
class Rule:
    url_name: str
    allowed: frozenset | set
    args: Callable = field(default=lambda world: [])
    method: str = "get"
    data: Callable | None = None  # world -> POST data (defaults to an empty form)
    query: Callable | None = None  # world -> query string parameters (a page opened for a record)
    public: bool = False  # reachable signed out (login, password reset)

    def __str__(self):
        return f"{self.method.upper()} {self.url_name}"
