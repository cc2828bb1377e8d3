from django.shortcuts import render

from accounts.access import homes_managed_by, homes_visible_to, role_of
from children.selectors import caseload
from core.dates import today
from homes.selectors import LOOK_AHEAD_DAYS, occupancy

from .models import Role
from .selectors import administrator_overview


def my_work(request):
    """The landing page: each role's own work. Every signed-in person has one."""
    role = role_of(request.user)
    on = today()
    context = {"role": role, "today": on, "Role": Role, "look_ahead_days": LOOK_AHEAD_DAYS}
    if role in (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER):
        context["caseload"] = caseload(request.user, on)
    elif role == Role.HOME_MANAGER:
        context["homes"] = occupancy(homes_managed_by(request.user), on)
    elif role == Role.INDEPENDENT_VISITOR:
        context["visited_homes"] = list(homes_visible_to(request.user).select_related("home_type"))
    elif role == Role.ADMINISTRATOR:
        context.update(administrator_overview(on))
    return render(request, "accounts/my_work.html", context)
