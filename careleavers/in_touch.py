"""Keeping in touch with care leavers, as the DfE asks around their 17th to 21st birthdays
(903 OC3: IN_TOUCH, ACTIV, ACCOM). Every change is kept as of its day, so what was true on a
birthday can be read later, not only today's (`on_birthdays`)."""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.capture import as_by
from core import codes
from core.dates import add_years, today

from .models import CareLeaver, KeepingInTouch

NOT_KNOWN = "0"
NO_LONGER_ASKED = (codes.InTouch.DIED, codes.InTouch.RHOM)  # activity and accommodation: 0
OC3_BIRTHDAYS = range(17, 22)
AFTER_BIRTHDAY = datetime.timedelta(days=31)  # a record made within a month after still counts


def check(leaver, *, as_at, in_touch, activity, accommodation) -> None:
    """Raise ValidationError listing every rule broken (DfE rules 131-133, 344, 345)."""
    errors = {}
    if as_at > today():
        errors["as_at"] = "The date must be today or in the past."
    elif as_at < leaver.child.date_of_birth:
        errors["as_at"] = "The date must be after the young person was born."
    if in_touch == codes.InTouch.YES:
        if activity == NOT_KNOWN:
            errors["activity"] = "In touch: say what they are doing (education, work, training)."
        if accommodation == NOT_KNOWN:
            errors["accommodation"] = "In touch: say where they live and whether it is suitable."
    if in_touch in NO_LONGER_ASKED:
        if activity != NOT_KNOWN:
            errors["activity"] = "Leave it as not known: the DfE does not ask after this."
        if accommodation != NOT_KNOWN:
            errors["accommodation"] = "Leave it as not known: the DfE does not ask after this."
    if errors:
        raise ValidationError(errors)


def _remember(leaver, *, as_at, in_touch, activity, accommodation, by) -> KeepingInTouch:
    record = KeepingInTouch.objects.filter(care_leaver=leaver, as_at=as_at).first()
    record = record or KeepingInTouch(care_leaver=leaver, as_at=as_at)
    record.in_touch, record.activity, record.accommodation = in_touch, activity, accommodation
    record.recorded_by = by
    record.save()
    return record


@as_by
@transaction.atomic
def record_in_touch(leaver, *, as_at, in_touch, activity, accommodation, by) -> KeepingInTouch:
    """Record what was true of the care leaver on `as_at`. When it is the latest news, the care
    leaver's record says the same (activity, accommodation and whether it is suitable)."""
    leaver = CareLeaver.objects.select_for_update().select_related("child").get(pk=leaver.pk)
    check(leaver, as_at=as_at, in_touch=in_touch, activity=activity, accommodation=accommodation)
    record = _remember(leaver, as_at=as_at, in_touch=in_touch, activity=activity,
                       accommodation=accommodation, by=by)  # fmt: skip
    if not KeepingInTouch.objects.filter(care_leaver=leaver, as_at__gt=as_at).exists():
        before = (leaver.in_touch, leaver.activity, leaver.accommodation,
                  leaver.accommodation_suitable)  # fmt: skip
        leaver.in_touch = in_touch == codes.InTouch.YES
        leaver.activity = activity
        if accommodation != NOT_KNOWN:
            leaver.accommodation = accommodation[0]
            leaver.accommodation_suitable = accommodation[1] == "1"
        after = (leaver.in_touch, leaver.activity, leaver.accommodation,
                 leaver.accommodation_suitable)  # fmt: skip
        if after != before:
            leaver.save()
    return record


def remember_record(leaver, *, by) -> None:
    """After the care leaver's record changed, keep today's OC3 values as it now says them."""
    latest = KeepingInTouch.objects.filter(care_leaver=leaver).order_by("-as_at").first()
    values = {
        "in_touch": codes.InTouch.YES if leaver.in_touch else codes.InTouch.NO,
        "activity": leaver.activity,
        "accommodation": codes.accommodation_code(
            leaver.accommodation, leaver.accommodation_suitable
        ),
    }
    if latest is not None and all(getattr(latest, k) == v for k, v in values.items()):
        return
    _remember(leaver, as_at=today(), by=by, **values)


def on_birthdays(leavers, start: datetime.date, end: datetime.date) -> list[dict]:
    """The DfE OC3 rows for a period (1 April to 31 March): for each care leaver in `leavers`
    (a queryset) whose 17th to 21st birthday falls in it, the values in force on that birthday
    (the latest recorded on or before it, else the first within a month after). Two queries."""
    rows, wanted = [], {}
    for leaver in leavers.select_related("child"):
        for age in OC3_BIRTHDAYS:
            birthday = add_years(leaver.child.date_of_birth, age)
            if start <= birthday <= end:
                wanted[leaver.pk] = (leaver, birthday)
    history = defaultdict(list)
    for record in KeepingInTouch.objects.filter(care_leaver_id__in=list(wanted)).order_by("as_at"):
        history[record.care_leaver_id].append(record)
    for pk, (leaver, birthday) in wanted.items():
        known = [r for r in history[pk] if r.as_at <= birthday]
        soon = [r for r in history[pk] if birthday < r.as_at <= birthday + AFTER_BIRTHDAY]
        found = known[-1] if known else soon[0] if soon else None
        rows.append(
            {
                "child_id": leaver.child_id,
                "birthday": birthday,
                "IN_TOUCH": found.in_touch if found else "",
                "ACTIV": found.activity if found else "",
                "ACCOM": found.accommodation if found else "",
            }
        )
    return rows
