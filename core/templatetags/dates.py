"""Dates on pages: `{% planned_end day %}` shows a planned end with an Overdue tag once it
has passed (the child should have left by then, or the plan needs changing)."""

from django import template

from core.dates import today

register = template.Library()


@register.inclusion_tag("includes/planned_end.html")
def planned_end(day, format="j M Y", empty="None"):
    return {"day": day, "format": format, "empty": empty, "overdue": bool(day) and day < today()}
