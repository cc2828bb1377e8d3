"""A child's legal status over time (`children.LegalStatusRecord`), kept in step with the stays.

A stay records the legal status the child had when it began; a change of legal status while
the child stays put (an interim care order, C1, becoming a full care order, C2) is recorded on
its own with its date, and splits the 903 episode (placements/episodes.py). Both keep the
child's legal status history, so the record page shows what the return reads.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.capture import as_by
from children.models import Child, LegalStatusRecord
from core import codes
from core.dates import today

from .models import Placement
from .rules import check_placement


def status_on(child, day: datetime.date):
    """The child's legal status record in force on `day`, or None."""
    return (
        LegalStatusRecord.objects.live()
        .filter(child=child, start_date__lte=day)
        .exclude(end_date__lte=day)
        .order_by("-start_date", "-id")
        .first()
    )


def keep_history(stay: Placement) -> None:
    """After a stay is saved: the history says the child had the stay's legal status from its
    start, and, if the stay ended the period of care, that the status ended with it."""
    current = status_on(stay.child, stay.start_date)
    if current is None or current.legal_status != stay.legal_status:
        if current is not None and current.start_date == stay.start_date:
            current.legal_status = stay.legal_status
            current.save()
        else:
            if current is not None:
                current.end_date = stay.start_date
                current.save()
            record = LegalStatusRecord(
                child=stay.child, legal_status=stay.legal_status, start_date=stay.start_date
            )
            record.save()
    if stay.end_date and stay.reason_episode_ceased not in ("", codes.ReasonEpisodeCeased.X1):
        ending = status_on(stay.child, stay.end_date - datetime.timedelta(days=1))
        if ending is not None and (ending.end_date is None or ending.end_date > stay.end_date):
            ending.end_date = stay.end_date
            ending.save()


@as_by
@transaction.atomic
def change_legal_status(*, child: Child, legal_status: str, on: datetime.date, by):
    """Record that the child's legal status changed on `on` while they stayed where they were.
    The stay they were in then is split into two 903 episodes (RNE "L")."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    stay, current = check_change(child=child, legal_status=legal_status, on=on)
    ends = current.end_date if current else stay.end_date
    if current is not None:
        current.end_date = on
        current.save()
    record = LegalStatusRecord(child=child, legal_status=legal_status, start_date=on, end_date=ends)
    record.save()
    was = current.legal_status if current else stay.legal_status
    for planned in Placement.objects.live().filter(
        child=child, start_date__gt=stay.start_date, legal_status=was
    ):  # a planned move carries the status in force: from now, the new one
        planned.legal_status = legal_status
        check_placement(planned)
        planned.save()
    return record


def forget_planned(stay: Placement, *, on: datetime.date) -> None:
    """A move or end of `stay` planned for `on` was cancelled: the legal statuses recorded from
    that day with it are kept as entered in error, and the status the child had runs on."""
    planned = LegalStatusRecord.objects.live().filter(child_id=stay.child_id, start_date=on)
    for record in planned:
        record.entered_in_error = True
        record.save()
    ended = status_on(stay.child, on - datetime.timedelta(days=1))
    if ended is not None and ended.end_date == on:
        ended.end_date = None
        ended.save()


def check_change(*, child: Child, legal_status: str, on: datetime.date):
    """Raise ValidationError unless the change can be recorded; else (the stay it splits, the
    legal status record it ends or None)."""
    stays = Placement.objects.live().filter(child=child).order_by("-start_date", "-id")
    # The latest stay begun: a move planned for a day still to come has begun none yet.
    stay = stays.filter(start_date__lte=today()).first() or stays.first()
    if on > today():
        raise ValidationError(
            {"on": "The date the legal status changed must be today or in the past."}
        )
    if stay is None:
        raise ValidationError(
            f"{child.full_name} has no placement, so has no legal status as a looked-after child."
        )
    if not stay.start_date < on or (stay.end_date is not None and on >= stay.end_date):
        until = f" until {stay.end_date:%d/%m/%Y}" if stay.end_date else ""
        raise ValidationError(
            {
                "on": f"A change of legal status without a move is recorded during "
                f"{child.full_name}'s latest placement, from {stay.start_date:%d/%m/%Y}{until}, "
                "after its first day. To change the status the placement began with, correct "
                "the placement."
            }
        )
    later = LegalStatusRecord.objects.live().filter(child=child, start_date__gte=on).first()
    if later is not None:
        raise ValidationError(
            {
                "on": f"A legal status from {later.start_date:%d/%m/%Y} is already recorded: "
                "record changes in date order, or ask an administrator to correct it."
            }
        )
    current = status_on(child, on)
    in_force = current.legal_status if current else stay.legal_status
    if legal_status == in_force:
        label = codes.LegalStatus(in_force).label
        raise ValidationError(
            {"legal_status": f"{child.full_name} is already under “{label}” on that date."}
        )
    return stay, current
