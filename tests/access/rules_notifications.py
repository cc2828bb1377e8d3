import datetime

from notifications.models import Notification
from timescales.models import Alert

from .rules import EVERYONE, SW, Rule


def _notification_for_social_worker(world):
    """A notification of the social worker's: everybody else guessing its id gets a 404."""
    alert = Alert.objects.create(
        rule="planned_end_passed",
        subject_type="placement",
        subject_id=world.my_placement.pk,
        due=datetime.date(2026, 1, 1),
        summary="The placement was planned to end on 01/01/2026 and is still open.",
        child=world.my_child,
        home=world.my_home,
        opened_on=datetime.date(2026, 1, 2),
    )
    notice = Notification.objects.create(alert=alert, user=world.users[SW], day=alert.opened_on)
    return [notice.pk]


RULES = [
    Rule("notifications:list", allowed=EVERYONE),
    Rule(
        "notifications:mark_read",
        args=_notification_for_social_worker,
        method="post",
        allowed={SW},
    ),
    Rule("notifications:mark_all_read", method="post", allowed=EVERYONE),
]
