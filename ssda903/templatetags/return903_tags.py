"""The SSDA903 errors on pages of lower apps (the child record, My work), which include
these templates without importing this app."""

from django import template

from accounts.access import role_of
from accounts.models import Role

from .. import selectors

register = template.Library()


@register.simple_tag
def child_903_errors(child):
    return selectors.child_errors(child)


@register.simple_tag(takes_context=True)
def caseload_903_errors(context):
    """Only for social workers: their children's errors."""
    user = context["request"].user
    if role_of(user) != Role.SOCIAL_WORKER:
        return None
    return selectors.caseload_errors(user)
