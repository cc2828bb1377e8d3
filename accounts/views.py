from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.access import has_role, homes_managed_by, homes_visible_to, role_of, role_required
from core.dates import today
from core.search_select import search_results
from placements.occupancy import LOOK_AHEAD_DAYS, occupancy
from placements.selectors import caseload

from .choosers import CHOOSERS, person_field
from .models import Role
from .selectors import administrator_overview, match_requests_waiting

CASELOAD_SHOWN = 25  # the whole caseload is on its own page, to filter, sort and download


def my_work(request):
    """The landing page: each role's own work. Every signed-in person has one."""
    role = role_of(request.user)
    on = today()
    context = {
        "role": role,
        "today": on,
        "Role": Role,
        "look_ahead_days": LOOK_AHEAD_DAYS,
        "caseload_shown": CASELOAD_SHOWN,
    }
    if role in (Role.SOCIAL_WORKER, Role.HOME_MANAGER, Role.ADMINISTRATOR):
        context.update(match_requests_waiting(request.user))
    if role in (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER):
        context["caseload"] = caseload(request.user, on, shown=CASELOAD_SHOWN)
    elif role == Role.HOME_MANAGER:
        context["homes"] = occupancy(homes_managed_by(request.user), on)
    elif role == Role.INDEPENDENT_VISITOR:
        context["visited_homes"] = list(homes_visible_to(request.user).select_related("home_type"))
    elif role == Role.ADMINISTRATOR:
        context.update(administrator_overview(on))
    return render(request, "accounts/my_work.html", context)


@role_required(*{role for chooser in CHOOSERS.values() for role in chooser.choosers})
def people(request, field):
    """The people matching what was typed in a form's search for the person to allocate
    (htmx), for those who may use that form."""
    if field not in CHOOSERS:
        raise Http404
    if not has_role(request.user, *CHOOSERS[field].choosers):
        raise PermissionDenied
    return HttpResponse(search_results(request, person_field(field), field))
