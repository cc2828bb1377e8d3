"""Choosing the person to allocate by searching their name instead of from a drop-down: at
regional size there are thousands of social workers, and a form listing them all took about
200 ms to render (the care leaver form's 1,666 personal advisers, 50 ms). Each form field
that allocates someone is named here with the roles its people hold and who may choose;
`accounts:people` gives its results as you type."""

from dataclasses import dataclass

from django.urls import reverse_lazy

from core.search_select import SearchChoiceField

from .access import people_with_role
from .models import KEY_WORKER_ROLES, Role


@dataclass(frozen=True)
class Chooser:
    label: str
    roles: tuple  # of the people who may be chosen
    choosers: tuple  # the roles of the people who may choose (the form's view's)


CHOOSERS = {
    "social_worker": Chooser("Social worker", (Role.SOCIAL_WORKER,), (Role.ADMINISTRATOR,)),
    "supervising_social_worker": Chooser(
        "Supervising social worker", (Role.SOCIAL_WORKER,), (Role.ADMINISTRATOR,)
    ),
    "key_worker": Chooser("Key worker", KEY_WORKER_ROLES, (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)),
    "personal_adviser": Chooser(
        "Personal adviser", (Role.PERSONAL_ADVISER,), (Role.SOCIAL_WORKER, Role.ADMINISTRATOR)
    ),
}


def person_field(name: str, **kwargs) -> SearchChoiceField:
    """The form field `name` (a key of CHOOSERS): one active person of its roles, searched by
    name or username, or nobody (each allocation may be left empty)."""
    chooser = CHOOSERS[name]
    return SearchChoiceField(
        people_with_role(*chooser.roles),
        search_url=reverse_lazy("accounts:people", args=[name]),
        search_fields=["first_name", "last_name", "username"],
        label=chooser.label,
        required=False,
        **kwargs,
    )
