"""The return's tables beside the Episodes and the Header, read from the ledger: each a fixed
number of queries whatever the number of children. Yes/no answers are written 1 or 0, times
(missing episodes) as their day in UK time, and a date after the return's last day as not
yet known (the year so far)."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from accounts.models import sw_id
from careleavers.in_touch import on_birthdays
from careleavers.models import CareLeaver
from children.models import Child, SocialWorkerEpisode
from core.dates import add_years
from placements.models import AdoptionDecision, MissingEpisode, Placement, PreviousPermanence
from placements.permanence import ADOPTED
from timescales.models import LookedAfterOutcomes, LookedAfterReview

from .tables import CollectionYear, Row


def episodes_in(year: CollectionYear):
    """The live stays open on any of the year's days so far."""
    return (
        Placement.objects.live()
        .filter(start_date__lte=year.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start))
    )


def looked_after_in(year: CollectionYear):
    """The children looked after on any of the year's days so far."""
    return Child.objects.filter(Exists(episodes_in(year).filter(child=OuterRef("pk"))))


def _by_child(rows) -> list[Row]:
    """Rows sorted by child (then by the rest), blanks as None."""
    cleaned = [tuple(None if v == "" else v for v in row) for row in rows]
    return sorted(cleaned, key=lambda row: tuple((v is None, str(v)) for v in row))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "1" if value else "0"


def _known(year: CollectionYear, day):
    return day if day is not None and day <= year.last_day else None


def reviews(year: CollectionYear) -> list[Row]:
    """Looked-after reviews held in the year, with how the child took part."""
    rows = (
        LookedAfterReview.objects.filter(held_on__gte=year.start, held_on__lte=year.last_day)
        .filter(child__in=looked_after_in(year))
        .order_by("child__local_id", "held_on")
        .values_list("child__local_id", "child__date_of_birth", "held_on", "participation")
    )
    return _by_child(rows)


def uasc(year: CollectionYear) -> list[Row]:
    """Children looked after in the year who are or were unaccompanied asylum seekers, with the
    day that ended: for a child still UASC, their 18th birthday, when it ends at the latest
    (rule 205B compares it with last year's)."""
    rows = (
        looked_after_in(year)
        .filter(is_uasc=True)
        .values_list("local_id", "sex", "date_of_birth", "uasc_ceased_on")
    )
    return _by_child(
        (child, sex, dob, ceased or add_years(dob, 18)) for child, sex, dob, ceased in rows
    )


OC2_ANSWERS = (
    "convicted",
    "health_check",
    "immunisations",
    "teeth_check",
    "health_assessment",
    "substance_misuse",
    "intervention_received",
    "intervention_offered",
)


def oc2(year: CollectionYear) -> list[Row]:
    """The outcomes recorded for the year ending on its 31 March."""
    rows = LookedAfterOutcomes.objects.filter(
        year_ending=year.end, child__in=looked_after_in(year)
    ).values_list("child__local_id", "child__date_of_birth", "sdq_score", "sdq_reason",
                  *OC2_ANSWERS)  # fmt: skip
    return _by_child(
        (child, dob, score, reason, *map(_yes_no, answers))
        for child, dob, score, reason, *answers in rows
    )


def oc3_leavers(year: CollectionYear):
    """Care leavers with their 17th, 18th, 19th, 20th or 21st birthday in the year so far."""
    birthdays = Q()
    for age in range(17, 22):
        birthdays |= Q(
            child__date_of_birth__gte=add_years(year.start, -age),
            child__date_of_birth__lte=add_years(year.last_day, -age),
        )
    return CareLeaver.objects.filter(birthdays)


def oc3(year: CollectionYear) -> list[Row]:
    """Care leavers around their birthday: in touch, activity and accommodation as they were on
    it. At 19 to 21 always; at 17 and 18 only for those who had left care before the birthday
    (rules 1007, 1016)."""
    leavers = oc3_leavers(year)
    children = {
        pk: (local_id, dob, left_on, still_placed)
        for pk, local_id, dob, left_on, still_placed in Child.objects.filter(
            care_leaver__in=leavers
        )
        .annotate(
            left_on=Max("placements__end_date", filter=Q(placements__entered_in_error=False)),
            still_placed=Count(
                "placements",
                filter=Q(placements__entered_in_error=False, placements__end_date__isnull=True),
            ),
        )
        .values_list("pk", "local_id", "date_of_birth", "left_on", "still_placed")
    }
    rows = []
    for found in on_birthdays(leavers, year.start, year.last_day):
        local_id, dob, left_on, still_placed = children[found["child_id"]]
        birthday = found["birthday"]
        left_before = not still_placed and left_on is not None and left_on < birthday
        if birthday.year - dob.year >= 19 or left_before:
            rows.append((local_id, dob, found["IN_TOUCH"], found["ACTIV"], found["ACCOM"]))
    return _by_child(rows)


def ad1(year: CollectionYear) -> list[Row]:
    """Children adopted in the year: when the decision was made, when they were matched, and
    about the adopters."""
    rows = (
        AdoptionDecision.objects.filter(
            ceased_reason__in=ADOPTED, ceased_on__gte=year.start, ceased_on__lte=year.last_day
        )
        .filter(child__in=looked_after_in(year))
        .values_list("child__local_id", "child__date_of_birth", "decided_on", "matched_on",
                     "by_foster_carer", "adopters", "adopters_sex", "adopters_legal_status")
    )  # fmt: skip
    return _by_child(
        (child, dob, decided, matched, _yes_no(by_carer), adopters, sex, legal)
        for child, dob, decided, matched, by_carer, adopters, sex, legal in rows
    )


def placed_adoption(year: CollectionYear) -> list[Row]:
    """Decisions that a child looked after in the year should be placed for adoption, in force
    on any of its days, and when and why each was reversed (RD1-RD4; an adoption is not a
    reversal: it is in AD1, rule 120)."""
    rows = (
        AdoptionDecision.objects.filter(decided_on__lte=year.last_day)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=year.start))
        .filter(child__in=looked_after_in(year))
        .values_list("child__local_id", "child__date_of_birth", "decided_on", "ceased_on",
                     "ceased_reason")
    )  # fmt: skip
    return _by_child(
        (child, dob, decided, *_reversed(year, ceased, reason))
        for child, dob, decided, ceased, reason in rows
    )


def _reversed(year: CollectionYear, ceased, reason) -> tuple:
    if reason in ADOPTED or _known(year, ceased) is None:
        return None, None
    return ceased, reason


def previous_permanence(year: CollectionYear) -> list[Row]:
    """For the child's latest period of care begun in the year (one row a child, rule INT35):
    had they left care before through adoption, a special guardianship or a child arrangements
    order."""
    rows = (
        PreviousPermanence.objects.filter(
            care_started_on__gte=year.start, care_started_on__lte=year.last_day
        )
        .order_by("child_id", "-care_started_on")
        .values_list("child__local_id", "child__date_of_birth", "order", "order_council",
                     "order_date")
    )  # fmt: skip
    latest = {}
    for row in rows:
        latest.setdefault(row[0], row)
    return _by_child(latest.values())


def missing(year: CollectionYear) -> list[Row]:
    """Times a child was missing or away without authorisation that went on during the year,
    with their days in UK time."""
    first, last = _moment(year.start), _moment(year.last_day, end=True)
    rows = (
        MissingEpisode.objects.live()
        .filter(started_at__lte=last)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=first))
        .values_list("child__local_id", "child__date_of_birth", "kind", "started_at", "ended_at")
    )
    return _by_child(
        (child, dob, kind, _day(started), _known(year, _day(ended)))
        for child, dob, kind, started, ended in rows
    )


def _moment(day: datetime.date, end=False) -> datetime.datetime:
    time = datetime.time.max if end else datetime.time.min
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def social_worker_episodes(year: CollectionYear) -> list[Row]:
    """Who was the allocated social worker of each child looked after in the year, on any of
    its days: SW_ID, from, to and why the allocation began."""
    rows = (
        SocialWorkerEpisode.objects.filter(start_date__lte=year.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.start))
        .filter(child__in=looked_after_in(year))
        .values_list("child__local_id", "child__date_of_birth", "social_worker__swe_registration",
                     "social_worker_id", "start_date", "end_date", "reason")
    )  # fmt: skip
    return _by_child(
        (child, dob, sw_id(registration, worker), start, _known(year, end), reason)
        for child, dob, registration, worker, start, end, reason in rows
    )
