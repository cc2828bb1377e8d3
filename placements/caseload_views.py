"""A social worker's or personal adviser's whole caseload: filtered, sorted, paged and
downloadable (My work shows its first rows)."""

from django.shortcuts import render

from accounts.access import role_required
from accounts.models import Role
from audit import exports
from core.dates import today
from core.lists import filtered, page_of

from . import selectors
from .filters import CASELOAD, CaseloadFilter

CASEWORKERS = (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER)


@role_required(*CASEWORKERS)
def caseload(request, fmt=None):
    day = today()
    listing = filtered(request, CaseloadFilter, selectors.caseload_children(request.user, day))
    if fmt:
        return exports.download(
            request,
            fmt,
            CASELOAD,
            listing.qs,
            chosen=listing.chosen,
            prepare=lambda children: selectors.with_current_stays(children, day),
        )
    page = page_of(request, listing.qs)
    page.object_list = selectors.with_current_stays(page.object_list, day)
    return render(request, "placements/caseload.html", {"listing": listing, "page": page})
