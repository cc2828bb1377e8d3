"""Keeping the history of an allocation (key worker, personal adviser) as periods.

The record itself holds who is allocated now; `record_reallocation` ends the open period and
opens the next, in the caller's transaction, whenever that changes. People allocated before
Homeward kept a history get a period with no start when they are first replaced.
"""

import datetime


def record_reallocation(history, owner, *, before, after, day: datetime.date, by) -> None:
    """`history` is a core.models.Allocation subclass; `before` and `after` the people (or
    None) allocated to `owner` before and after the change, made on `day` by `by`."""
    if before == after:
        return
    owner_lookup = {history.OWNER: owner}
    ended = history.objects.filter(**owner_lookup, ended_on__isnull=True).first()
    if ended is not None:  # saved, not updated, so the audit trail sees it (audit.capture)
        ended.ended_on = day
        ended.save()
    elif before is not None:
        history.objects.create(
            **owner_lookup, person=before, started_on=None, ended_on=day, allocated_by=None
        )
    if after is not None:
        history.objects.create(**owner_lookup, person=after, started_on=day, allocated_by=by)
