"""Who is told: the people a check names as recipients, each found in one query."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import Role


def heads_of_service() -> frozenset:
    """Administrators (heads of service), who take every escalation and every unowned alert."""
    users = get_user_model().objects.filter(is_active=True)
    return frozenset(
        users.filter(Q(role=Role.ADMINISTRATOR) | Q(is_superuser=True)).values_list("pk", flat=True)
    )


def managers_by_home() -> dict[int, frozenset]:
    """Each home's active managers. Homes are few (hundreds), so one read of them all is cheap."""
    from homes.models import Home

    through = Home.managers.through.objects.filter(user__is_active=True)
    managers: dict[int, set] = {}
    for home_id, user_id in through.values_list("home_id", "user_id"):
        managers.setdefault(home_id, set()).add(user_id)
    return {home_id: frozenset(users) for home_id, users in managers.items()}


def people(*user_ids) -> frozenset:
    """The given user ids without blanks (a child with no social worker, a home with no manager)."""
    return frozenset(pk for pk in user_ids if pk is not None)
