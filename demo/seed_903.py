"""The demo council's SSDA903 content beyond its stays, recorded through the services people
use: Social Work England numbers, social worker histories from the start of care, review
participation (demo.seed_timescales), missing episodes with one child missing now, a UASC
young person and a former one, a young mother, OC2 outcomes for the children looked after all
last year, care leavers' keeping-in-touch on their birthdays, previous permanence and an
adoption decision."""

import datetime
import itertools
import random

from django.utils import timezone

from accounts.models import Role, User
from audit import capture as audit
from careleavers import in_touch
from careleavers.models import CareLeaver
from children.models import Child, SocialWorkerEpisode
from core import codes
from core.dates import add_years, today
from placements import legal_status, missing, permanence
from placements.models import AdoptionDecision, Placement
from timescales import outcomes

SPEAKS = ["PN1", "PN1", "PN1", "PN2", "PN3", "PN5", "PN6", "PN6", "PN7"]
_participation_rng = random.Random(903)


def participation(child, day) -> str:
    """How the child took part in a review held on `day` (PN0 for the under-4s)."""
    return "PN0" if child.age_on(day) < 4 else _participation_rng.choice(SPEAKS)


def _social_workers(children, rng):
    """Numbers for the social workers; each history starts with the child's first period of
    care, a few with an earlier worker who left the role."""
    for n, user in enumerate(User.objects.filter(role=Role.SOCIAL_WORKER).order_by("username")):
        user.swe_registration = f"SW{104233 + n * 731}"
        user.save(update_fields=["swe_registration"])
    earlier = User.objects.get(username="tom.greenwood")
    for n, child in enumerate(children):
        started = next(iter(_periods_of_care(child)), None) or child.created_at.date()
        episodes = SocialWorkerEpisode.objects.filter(child=child, end_date=None)
        if n % 5 == 2 and (today() - started).days > 120 and child.social_worker != earlier:
            handed_over = started + datetime.timedelta(days=(today() - started).days // 2)
            SocialWorkerEpisode.objects.create(child=child, social_worker=earlier,
                                               start_date=started, end_date=handed_over,
                                               reason="FCONTA")  # fmt: skip
            audit.update(episodes, start_date=handed_over, reason="LEFTRL")
        else:
            audit.update(episodes, start_date=started)


def _missing(children):
    """Two children in homes went missing and came back; one is missing now."""
    in_homes = [
        p.child
        for p in Placement.objects.active_on(today())
        .filter(child__in=children, home__isnull=False)
        .select_related("child")
        .order_by("child__local_id")
        if (today() - p.start_date).days > 10
    ]
    now = timezone.localtime()
    for n, child in enumerate(in_homes[:3]):
        went = now.replace(hour=21, minute=30, second=0, microsecond=0)
        went -= datetime.timedelta(days=9 - 3 * n)
        back = None if n == 2 else went + datetime.timedelta(hours=5 + n * 7)
        missing.record_missing(child=child, kind="A" if n == 1 else "M", started_at=went,
                               ended_at=back, note="Police informed; return interview offered.",
                               by=child.social_worker)  # fmt: skip


def _header(children):
    """One UASC young person in care now, one former UASC care leaver, one young mother."""
    teen = next(c for c in children if c.sex == "M" and 15 <= c.age <= 17
                and c.status == "looked_after")  # fmt: skip
    teen.is_uasc, teen.ethnicity = True, "AOTH"
    leaver = next(c for c in children if c.status == "care_leaver" and c.sex == "M"
                  and c.age >= 19)  # fmt: skip
    leaver.is_uasc, leaver.uasc_ceased_on = True, add_years(leaver.date_of_birth, 18)
    mother = next(c for c in children if c.status == "care_leaver" and c.sex == "F"
                  and c.age >= 18)  # fmt: skip
    mother.is_mother, mother.child_born_on = True, today() - datetime.timedelta(days=200)
    for child in (teen, leaver, mother):
        child.full_clean()
        child.save()


def _outcomes(children, rng):
    """OC2 for the year to the last 31 March and for the year to the next (recorded ahead, as
    the form allows), for each child looked after all of it."""
    for ending, child in itertools.product(outcomes.year_endings(today()), children):
        if not outcomes.looked_after_all_year(child, ending):
            continue
        age = child.age_on(ending)
        four, seventeen = add_years(child.date_of_birth, 4), add_years(child.date_of_birth, 17)
        starts = add_years(ending, -1) + datetime.timedelta(days=1)
        needs_sdq = four <= ending and seventeen >= starts
        outcomes.record_outcomes(
            child=child, year_ending=ending, by=child.social_worker,
            sdq_score=rng.randint(6, 24) if needs_sdq else None, sdq_reason="",
            convicted=(rng.random() < 0.1) if age >= 10 else None,
            health_check=True if age < 5 else None, immunisations=rng.random() < 0.9,
            teeth_check=rng.random() < 0.85, health_assessment=True, substance_misuse=False,
        )  # fmt: skip


def _periods_of_care(child) -> list[datetime.date]:
    """The first day of each of the child's periods of care, as the ledger counts them."""
    starts = Placement.objects.live().filter(child=child).order_by("start_date")
    return [
        day
        for day in starts.values_list("start_date", flat=True).distinct()
        if permanence.period_start(child, day) == day
    ]


def _keeping_in_touch(rng):
    for leaver in CareLeaver.objects.select_related("child", "personal_adviser"):
        for age in range(17, 22):
            birthday = add_years(leaver.child.date_of_birth, age)
            if birthday > today():
                break
            suitable = (
                True if leaver.accommodation_suitable is None else leaver.accommodation_suitable
            )
            place = leaver.accommodation if leaver.accommodation != "R" else "D"
            in_touch.record_in_touch(
                leaver, as_at=birthday, in_touch=codes.InTouch.YES,
                activity=leaver.activity if leaver.activity != "0" else "F2",
                accommodation=codes.accommodation_code(place, suitable),
                by=leaver.personal_adviser,
            )  # fmt: skip


def _permanence(children, by):
    """Previous permanence for every period of care (each short break begins one, and the
    return asks for the latest begun in each year); the youngest child settled in care has a
    decision that they should be placed for adoption."""
    for n, child in enumerate(children):
        latest = permanence.period_start(child)
        for started in _periods_of_care(child):
            order = "P2" if n % 7 == 3 and started == latest else "Z1"
            permanence.record_previous_permanence(
                child=child, order=order, order_council="383" if order == "P2" else "",
                order_date=add_years(started, -3) if order == "P2" else None,
                care_started_on=started, by=by,
            )  # fmt: skip
    in_care = [c for c in children if c.status == "looked_after" and permanence.period_start(c)]
    settled = [c for c in in_care if (today() - permanence.period_start(c)).days > 60]
    young = min(settled, key=lambda c: c.age, default=None)
    if young is not None:
        decided = permanence.period_start(young) + datetime.timedelta(days=30)
        permanence.save_adoption_decision(AdoptionDecision(child=young, decided_on=decided), by=by)


def _interim_orders_made_full(children, by):
    """Two children under interim care orders whose full care order was made while they stayed
    where they were: the 903 episode splits (RNE L)."""
    for child in [c for c in children if c.status == "looked_after"][:40]:
        stay = Placement.objects.open().filter(child=child, legal_status="C1").first()
        if stay is None or (today() - stay.start_date).days < 60:
            continue
        on = stay.start_date + datetime.timedelta(days=(today() - stay.start_date).days // 2)
        legal_status.change_legal_status(child=child, legal_status="C2", on=on, by=by)


def create_903(children: dict[str, Child], users) -> None:
    rng = random.Random(1903)
    everyone = sorted(children.values(), key=lambda c: c.local_id)
    _social_workers(everyone, rng)
    _header(everyone)
    _missing(everyone)
    _outcomes([c for c in everyone if c.social_worker_id], rng)
    _keeping_in_touch(rng)
    _permanence(everyone, users["admin"])
    _interim_orders_made_full(everyone, users["admin"])
