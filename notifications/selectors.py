"""Reading a person's notifications, naming each child only to those allowed to see the child."""

from accounts.access import children_visible_to

from .models import Notification

PAGE_SIZE = 25


def notifications_for(user):
    return Notification.objects.filter(user=user).select_related(
        "alert__child", "alert__home", "child", "home"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def with_child_names(user, notifications):
    """Set `child_name` on each notification: the name, or None when the person may not see it.

    One query for the whole page, however many notifications are on it.
    """
    notifications = list(notifications)
    child_ids = {n.about_child_id for n in notifications if n.about_child_id}
    visible = (
        set(children_visible_to(user).filter(pk__in=child_ids).values_list("pk", flat=True))
        if child_ids
        else set()
    )
    for n in notifications:
        child = n.alert.child if n.alert_id else n.child
        n.child_name = child.full_name if n.about_child_id in visible else None
    return notifications
