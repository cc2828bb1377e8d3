"""Who may see what: the one place that decides it. Deny by default.

Views ask these functions (never their own ad-hoc filters) for the records a person may see.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from core.dates import today

from .models import Role

STAFF_WITH_CHILD_RECORDS = (
    Role.SOCIAL_WORKER,
    Role.HOME_MANAGER,
    Role.PERSONAL_ADVISER,
    Role.ADMINISTRATOR,
)


def role_of(user) -> str | None:
    if not user or not user.is_authenticated or not user.is_active:
        return None
    return Role.ADMINISTRATOR if user.is_superuser else user.role


def has_role(user, *roles) -> bool:
    return role_of(user) in roles


def children_visible_to(user):
    """The children whose records this person may open."""
    from children.models import Child
    from placements.models import Placement

    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return Child.objects.all()
    if role == Role.SOCIAL_WORKER:
        return Child.objects.filter(Q(social_worker=user) | Q(key_worker=user))
    if role == Role.PERSONAL_ADVISER:
        return Child.objects.filter(Q(care_leaver__personal_adviser=user) | Q(key_worker=user))
    if role == Role.HOME_MANAGER:
        in_my_homes = (
            Placement.objects.live()
            .filter(child=OuterRef("pk"), home__managers=user)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today()))
        )
        return Child.objects.filter(Exists(in_my_homes))
    return Child.objects.none()


def can_view_child(user, child) -> bool:
    return children_visible_to(user).filter(pk=child.pk).exists()


def homes_visible_to(user):
    """Homes whose details, occupancy and reports this person may open."""
    from homes.models import Home

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.SOCIAL_WORKER):
        return Home.objects.all()
    if role == Role.HOME_MANAGER:
        return Home.objects.filter(managers=user)
    if role == Role.INDEPENDENT_VISITOR:
        return Home.objects.filter(independent_visitors=user)
    return Home.objects.none()


def homes_managed_by(user):
    from homes.models import Home

    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return Home.objects.all()
    if role == Role.HOME_MANAGER:
        return Home.objects.filter(managers=user)
    return Home.objects.none()


def role_required(*roles):
    """View decorator: only signed-in people with one of `roles` get in; others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator
