"""The service navigation: the sections a person's role can open, as other pages land.

Each section names candidate URL names; the first that exists is linked. Who may use it is read
from the view's own `role_required` (its `allowed_roles`), so the menu and the page never disagree.
"""

import functools

from django import template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, resolve, reverse

from accounts.access import role_of
from core.dates import today
from placements.models import StayExtension

register = template.Library()

SECTIONS = (
    ("My work", ("accounts:my_work",)),
    ("Children", ("children:search",)),
    ("Occupancy", ("homes:occupancy",)),
    ("Vacancies", ("homes:vacancies",)),
    ("Match requests", ("placements:requests",)),
    ("Extensions", ("placements:extensions",)),
    ("Carers", ("carers:list",)),
    ("Care leavers", ("careleavers:list",)),
    ("Alerts", ("alerts:list",)),
    ("Visits", ("inspections:list", "inspections:visits", "inspections:index")),
    ("Reports", ("reporting:index", "reporting:board", "reporting:list")),
    ("903 return", ("ssda903:data_quality",)),
    ("Audit", ("audit:search",)),
)


def _first_url(names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@functools.cache
def _sections(urlconf, script_prefix) -> tuple:
    """(text, href, the roles its view allows or None) for each section that exists, worked out
    once for the URLs in use: reversing and resolving them on every page cost 0.6 ms."""
    found = []
    for text, names in SECTIONS:
        href = _first_url(names)
        if href is not None:
            found.append((text, href, getattr(resolve(href).func, "allowed_roles", None)))
    return tuple(found)


@register.simple_tag(takes_context=True)
def service_nav_items(context):
    """[{text, href, current, active}] for the signed-in person's role."""
    request = context.get("request")
    role = role_of(getattr(request, "user", None))
    if request is None or role is None:
        return []
    items = []
    for text, href, allowed in _sections(get_urlconf(), get_script_prefix()):
        if allowed is not None and role not in allowed:
            continue
        current = request.path == href
        active = href != "/" and request.path.startswith(href)
        item = {"text": text, "href": href, "current": current, "active": active}
        if text in COUNTS:  # a callable: counted only where the menu is drawn
            item["count"] = functools.partial(COUNTS[text], request.user)
        items.append(item)
    return items


def _extensions_to_decide(user) -> int:
    return StayExtension.objects.waiting(today()).count()


# Sections that show how much is waiting in them (one query each, for the roles that see them).
COUNTS = {"Extensions": _extensions_to_decide}
