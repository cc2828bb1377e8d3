from django import template
from django.urls import reverse

from accounts.access import has_role
from accounts.models import Role
from core.dates import today
from core.lists import first_rows

from .. import selectors
from ..missing import RECORDERS
from ..models import AdoptionDecision, MissingEpisode, PreviousPermanence

register = template.Library()


@register.simple_tag(takes_context=True)
def child_ledger(context, child, limit=None):
    """A child's placements for their record page (children/detail.html): the history (the
    newest `limit`, None for all: core.lists.history_limit), the current and next stay, the
    match requests, and what the person signed in may do."""
    user = context["request"].user
    panel = selectors.child_placements(user, child, today(), shown=limit)
    panel["actions"] = _actions(user, child, panel)
    return panel


def _actions(user, child, panel) -> list[dict]:
    """The actions list on the child's record, most likely first: [{text, href, primary}]."""
    stay, upcoming = panel["current"], panel["upcoming"]
    actions = []

    def add(text, name, *args, query="", primary=False):
        actions.append({"text": text, "href": reverse(name, args=args) + query, "primary": primary})

    if panel["may_act"] and stay is not None:
        if stay.end_date is None:
            add(f"Move {child.first_name}", "placements:move", stay.pk, primary=True)
            add("End this placement", "placements:end", stay.pk)
            add("Change the planned end date", "placements:planned_end", stay.pk)
        else:
            add("Cancel the planned move or end", "placements:cancel_leaving", stay.pk)
        limited = stay.home_id and stay.home.home_type.max_stay_days
        if limited and has_role(user, Role.SOCIAL_WORKER, Role.HOME_MANAGER):
            add("Request a stay extension", "placements:extension_request", stay.pk)
        if has_role(user, Role.SOCIAL_WORKER, Role.ADMINISTRATOR):  # as the page allows
            add("Record a change of legal status", "ledger:legal_status_change", child.pk)
    if panel["may_find_placement"] and upcoming is None:
        if stay is None:
            add("Find a placement", "homes:vacancies", query=f"?child={child.pk}", primary=True)
        elif stay.end_date is None:
            add("Search vacancies for a move", "homes:vacancies", query=f"?child={child.pk}")
    return actions


@register.simple_tag(takes_context=True)
def missing_episodes(context, child):
    """A child's missing episodes, newest first, and whether the viewer may record them."""
    return {
        "episodes": list(MissingEpisode.objects.live().filter(child=child)),
        "can_record": has_role(context["request"].user, *RECORDERS),
    }


@register.simple_tag
def permanence(child, limit=None):
    """Previous permanence for each period of care, newest first (the newest `limit`, None for
    all: a child on short breaks has one for each), and decisions to place for adoption."""
    previous, previous_total = first_rows(PreviousPermanence.objects.filter(child=child), limit)
    return {
        "previous": previous,
        "previous_total": previous_total,
        "adoption": list(AdoptionDecision.objects.filter(child=child)),
    }
