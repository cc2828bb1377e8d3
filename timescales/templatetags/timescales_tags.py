from django import template

from core.dates import today

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def my_work_alerts(context):
    """The signed-in person's open alerts and their caseload's next reviews and visits."""
    user = context["request"].user
    return {
        "alerts": selectors.open_alerts_for(user),
        "due_dates": selectors.caseload_due_dates(user, today()),
    }
