"""The service navigation: the sections a person's role can open, as other pages land.

Each section names candidate URL names; the first that exists is linked. Who may use it is read
from the view's own `role_required` (its `allowed_roles`), so the menu and the page never disagree.
"""

from django import template
from django.urls import NoReverseMatch, resolve, reverse

from accounts.access import role_of

register = template.Library()

SECTIONS = (
    ("My work", ("accounts:my_work",)),
    ("Children", ("children:search",)),
    ("Occupancy", ("homes:occupancy",)),
    ("Vacancies", ("homes:vacancies",)),
    ("Carers", ("carers:list",)),
    ("Care leavers", ("careleavers:list",)),
    ("Visits", ("inspections:list", "inspections:visits", "inspections:index")),
    ("Reports", ("reporting:index", "reporting:board", "reporting:list")),
    ("Audit", ("audit:search",)),
)


def _first_url(names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@register.simple_tag(takes_context=True)
def service_nav_items(context):
    """[{text, href, current, active}] for the signed-in person's role."""
    request = context.get("request")
    role = role_of(getattr(request, "user", None))
    if request is None or role is None:
        return []
    items = []
    for text, names in SECTIONS:
        href = _first_url(names)
        if href is None:
            continue
        allowed = getattr(resolve(href).func, "allowed_roles", None)
        if allowed is not None and role not in allowed:
            continue
        current = request.path == href
        active = href != "/" and request.path.startswith(href)
        items.append({"text": text, "href": href, "current": current, "active": active})
    return items
