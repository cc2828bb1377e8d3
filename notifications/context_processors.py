"""The notification bell's unread count, on every page for a signed-in person."""

from .selectors import unread_count


def bell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A callable: the template calls it only where the bell is drawn, so other pages pay nothing.
    return {"notifications_unread": lambda: unread_count(user)}
