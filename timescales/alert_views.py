"""Every alert a person was told about: filtered, sorted, paged and downloadable (My work
shows the soonest open ones)."""

from django.shortcuts import render

from accounts.access import role_required
from accounts.models import Role
from audit import exports
from core.dates import today
from core.lists import filtered, page_of

from . import selectors
from .filters import ALERTS, AlertFilter

# Everyone who is told about alerts; the board member reads aggregates only.
ALERTED = (
    Role.SOCIAL_WORKER,
    Role.HOME_MANAGER,
    Role.INDEPENDENT_VISITOR,
    Role.PERSONAL_ADVISER,
    Role.ADMINISTRATOR,
)


@role_required(*ALERTED)
def alert_list(request, fmt=None):
    listing = filtered(request, AlertFilter, selectors.alerts_for(request.user))
    if fmt:
        return exports.download(
            request,
            fmt,
            ALERTS,
            listing.qs,
            chosen=listing.chosen,
            prepare=lambda alerts: selectors.with_child_names(request.user, alerts),
        )
    page = page_of(request, listing.qs)
    page.object_list = selectors.with_child_names(request.user, page.object_list)
    return render(
        request, "timescales/alert_list.html", {"listing": listing, "page": page, "today": today()}
    )
