"""Build the demo council from demo.seed_data, through the same services every user goes through,
then run today's scheduled checks so the alerts are there from the first sign-in.

Running it again changes nothing: the whole council is written in one transaction, and the
first demo home is the marker that it is already there.
"""

import datetime
import random
from base64 import b32decode
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import APP_DEVICE_NAME, needs_two_factor
from careleavers.models import CareLeaver
from carers.models import (
    AllowanceRate,
    ApprovalStatus,
    CarerHousehold,
    LevelFee,
    MockingbirdHub,
    Outreach,
)
from children.models import Child
from core import upn
from core.dates import add_years, today
from homes.models import Home, HomeType, Unit
from placements import matching
from placements.bed_blocks import block_beds
from placements.models import MatchingAssessment, Outcome, Placement
from placements.services import decide_extension, request_extension, save_placement
from timescales.services import run_day

from . import places
from . import seed_data as data
from .seed_903 import create_903
from .seed_inspections import create_monitoring
from .seed_matching import create_match_requests
from .seed_timescales import create_clocks

# Where a child went when a stay ended without a move, by the reason the episode ceased.
_OUTCOME_FOR_CEASED = {
    "E4A": Outcome.RETURNED_HOME,
    "E13": Outcome.RETURNED_HOME,
    "E17": Outcome.FOSTER_CARE,
    "E5": Outcome.INDEPENDENCE,
    "E6": Outcome.INDEPENDENCE,
}


# Admissions to the council's homes this recent followed a signed-off matching assessment.
MATCHED_WITHIN_DAYS = 365


def _ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def _fiscal_years() -> list[datetime.date]:
    """The 1 April before last and the last 1 April."""
    now = today()
    latest = datetime.date(now.year if now.month >= 4 else now.year - 1, 4, 1)
    return [latest.replace(year=latest.year - 1), latest]


def already_seeded() -> bool:
    return Home.objects.filter(name=data.HOMES["SS"]["name"]).exists()


def ensure_users() -> dict[str, User]:
    users = {}
    # Hashing is slow on purpose; the demo users share one password, so hash it once.
    demo_password = make_password(data.DEMO_PASSWORD)
    for username, (first, last, role, title, signs_in) in data.STAFF.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(
                first_name=first,
                last_name=last,
                role=role,
                job_title=title,
                email=f"{username}@leeds.example",
                is_staff=role == "administrator",
                is_superuser=role == "administrator",
            ),
        )
        if created:
            user.password = demo_password if signs_in else make_password(None)
            user.save()
        if signs_in and needs_two_factor(user):
            TOTPDevice.objects.get_or_create(
                user=user,
                confirmed=True,
                defaults={"name": APP_DEVICE_NAME, "key": b32decode(data.DEMO_TOTP_KEY).hex()},
            )
        users[username] = user
    return users


def _create_homes(users) -> tuple[dict[str, Home], dict[str, Unit]]:
    homes, units = {}, {}
    types = {t.code: t for t in HomeType.objects.all()}
    for n, (key, spec) in enumerate(data.HOMES.items()):
        external = spec.get("external")
        manager = users.get(spec.get("manager"))
        home = Home(
            name=spec["name"],
            home_type=types[spec["type"]],
            provision="external" if external else "in_house",
            provider_name=external or "",
            ofsted_urn=f"SC{482103 + n * 7919:06d}",
            address=f"{10 + n} {spec['name'].split()[0]} Road",
            postcode=spec["postcode"],
            beds=spec["beds"],
            weekly_cost=Decimal(spec.get("cost", "0")),
            registered_manager=manager.get_full_name() if manager else "Provider's manager",
            ofsted_rating=spec["rating"],
            ofsted_rating_date=_ago(90 + 37 * n),
            opened_on=add_years(today(), -spec.get("opened", 10)),
        )
        home.full_clean()
        home.save()
        if manager:
            home.managers.add(manager)
        if spec.get("visitor"):
            home.independent_visitors.add(users[spec["visitor"]])
        for unit_key, name, kind in spec.get("units", []):
            units[f"{key}:{unit_key}"] = Unit.objects.create(home=home, name=name, kind=kind)
        homes[key] = home
    return homes, units


def _create_carers(users) -> dict[str, CarerHousehold]:
    hub = MockingbirdHub.objects.create(name=data.MOCKINGBIRD_HUB, started_on=_ago(2 * 365))
    carers = {}
    for n, (key, spec) in enumerate(data.CARERS.items()):
        carer = CarerHousehold(
            reference=f"LCC-{key}-{1040 + n}",
            name=spec["name"],
            carer_type=spec["type"],
            agency_name=spec.get("agency", ""),
            postcode=spec["postcode"],
            # The fostering service that approved them: the council's, or the agency's.
            urn=f"SC{640000 + n:06d}" if spec.get("agency") else places.COUNCIL_FOSTERING_URN,
            level=spec.get("level"),
            approved_places=spec["places"],
            min_age=spec["ages"][0],
            max_age=spec["ages"][1],
            weekly_cost=Decimal(spec.get("cost", "0")),
            supervising_social_worker=users["rachel.lowe"],
            is_hub_carer=spec.get("hub_carer", False),
            mockingbird_hub=hub if spec.get("hub_carer") or spec.get("satellite") else None,
        )
        if spec.get("in_assessment"):
            carer.approval_status = ApprovalStatus.IN_ASSESSMENT
        elif "temporary_days" in spec:
            # Regulation 24 temporary approval of a connected person lasts up to 16 weeks.
            carer.approval_status = ApprovalStatus.TEMPORARY
            carer.approved_on = _ago(spec["temporary_days"])
            carer.approval_ends_on = carer.approved_on + datetime.timedelta(weeks=16)
        else:
            carer.approval_status = ApprovalStatus.APPROVED
            carer.approved_on = add_years(today(), -spec["approved"])
            carer.last_review_on = _ago(30 + 23 * n)
        carer.full_clean()
        carer.save()
        carers[key] = carer
    return carers


def _create_rates():
    for year, start in enumerate(_fiscal_years()):
        uplift = data.YEARLY_UPLIFT**year
        for (low, high), amount in data.ALLOWANCES:
            AllowanceRate.objects.create(
                min_age=low,
                max_age=high,
                weekly_amount=(Decimal(amount) * uplift).quantize(Decimal("0.01")),
                effective_from=start,
            )
        for level, fee in data.LEVEL_FEES:
            LevelFee.objects.create(
                level=level,
                weekly_fee=(Decimal(fee) * uplift).quantize(Decimal("0.01")),
                effective_from=start,
            )


def _date_of_birth(age) -> datetime.date:
    years, days = age
    return add_years(today(), -years) - datetime.timedelta(days=days)


class _StoryTeller:
    """Turns one child's list of stays into placements, moves and endings."""

    def __init__(self, homes, units, carers, users):
        self.homes, self.units, self.carers, self.users = homes, units, carers, users
        self.admin = users["admin"]

    def _where(self, key):
        if key in self.units:
            unit = self.units[key]
            return dict(home=unit.home, unit=unit)
        if key in self.homes:
            return dict(home=self.homes[key])
        return dict(carer=self.carers[key])

    def _end_day(self, child, end):
        if end == "18":
            return add_years(child.date_of_birth, 18)
        return None if end is None else _ago(end)

    def tell(self, child, spec):
        stays = spec.get("stays", [])
        for index, (key, start, end, options) in enumerate(stays):
            start_day = _ago(start)
            end_day = self._end_day(child, end)
            following = stays[index + 1] if index + 1 < len(stays) else None
            moves_on = following is not None and _ago(following[1]) == end_day
            placement = Placement(
                child=child,
                start_date=start_day,
                end_date=end_day,
                legal_status=options.get("legal", spec["legal"]),
                placement_type=options.get("type", ""),
                is_short_break=options.get("short_break", False),
                **self._where(key),
            )
            placement.planned_end_date = self._planned_end(placement, options, end_day)
            if end_day is not None:
                self._describe_ending(placement, options, moves_on, following)
            if placement.home_id and start <= MATCHED_WITHIN_DAYS:
                placement.matching = self._matching(placement)
            save_placement(placement, by=self.users[spec.get("sw", "admin")])
            if "extend_to" in options:
                self._extend(placement, options["extend_to"], authorise=True)
            if "requested_to" in options:
                self._extend(placement, options["requested_to"], authorise=False)

    def _matching(self, placement) -> MatchingAssessment | None:
        """The manager's signed-off matching assessment that a recent admission followed,
        signed a few days before it: the risk to and from each child living there then."""
        home, start = placement.home, placement.start_date
        manager = home.managers.order_by("pk").first()
        if manager is None:  # an external home: its provider matches
            return None
        risks = [
            (resident, "low", "Settled; a planning meeting covered sharing the home.")
            for resident in matching.residents_on(home, start)
        ]
        assessment = matching.record_matching(
            child=placement.child,
            home=home,
            proposed_start=start,
            decision=MatchingAssessment.Decision.PROCEED,
            summary="A good fit with the children living here; the room suits their needs.",
            risks=risks,
            by=manager,
        )
        signed = timezone.make_aware(datetime.datetime.combine(start, datetime.time(15)))
        MatchingAssessment.objects.filter(pk=assessment.pk).update(
            signed_off_at=signed - datetime.timedelta(days=3)
        )
        return assessment

    def _planned_end(self, placement, options, end_day):
        if options.get("planned_until_approval_ends"):
            return placement.carer.approval_ends_on
        if "planned" in options:
            return placement.start_date + datetime.timedelta(days=options["planned"])
        return end_day if placement.is_short_break else None

    def _describe_ending(self, placement, options, moves_on, following):
        if moves_on:
            placement.reason_episode_ceased = "X1"
            placement.reason_placement_change = options.get("change", "CARPL")
            next_place = self._where(following[0])
            if "home" in next_place:
                placement.outcome = Outcome.ANOTHER_HOME
            else:
                kind = next_place["carer"].carer_type
                placement.outcome = Outcome.KINSHIP if kind == "kinship" else Outcome.FOSTER_CARE
        else:
            placement.reason_episode_ceased = options.get("rec", "E4A")
            placement.outcome = options.get(
                "outcome", _OUTCOME_FOR_CEASED[placement.reason_episode_ceased]
            )

    def _extend(self, placement, days, authorise):
        """A manager asks to keep the child longer; the head of service authorises, or the
        request is still waiting for a decision."""
        extension = request_extension(
            placement,
            extend_to=placement.start_date + datetime.timedelta(days=days),
            reason="Family work is going well; a few more weeks to settle the return home.",
            by=placement.home.managers.first(),
        )
        if authorise:
            decide_extension(
                extension,
                authorise=True,
                note="Authorised: return home planned and family network in place.",
                by=self.admin,
            )


def _create_care_leaver(child, leaver, users, rng):
    eligibility, adviser, activity, accommodation, suitable, flags, stage = leaver
    planned = _ago(rng.randint(10, 150) if not flags.get("review_overdue") else 200)
    CareLeaver.objects.create(
        child=child,
        eligibility=eligibility,
        personal_adviser=users[adviser],
        pathway_plan_date=planned,
        pathway_plan_review_due=planned + datetime.timedelta(days=182),
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=suitable,
        in_touch=flags.get("in_touch", True),
        staying_put=flags.get("staying_put", False),
        staying_close=flags.get("staying_close", False),
        interdependence_stage=stage,
    )


def _create_children(homes, units, carers, users, rng) -> dict[str, Child]:
    teller = _StoryTeller(homes, units, carers, users)
    children = {}
    for n, spec in enumerate(data.CHILDREN):
        first, last = spec["name"]
        child = Child(
            local_id=f"LDS{104200 + n * 37}",
            first_name=first,
            last_name=last,
            date_of_birth=_date_of_birth(spec["age"]),
            sex=spec["sex"],
            ethnicity=spec["eth"],
            upn=upn.make(f"{rng.randrange(10**10, 10**11)}{rng.choice('0123456789')}"),
            home_postcode=spec["postcode"],
            category_of_need=spec["need"],
            status=spec["status"],
            social_worker=users.get(spec.get("sw")),
            key_worker=users.get(spec.get("kw")),
        )
        child.full_clean()
        child.save()
        teller.tell(child, spec)
        if "leaver" in spec:
            _create_care_leaver(child, spec["leaver"], users, rng)
        children[f"{first} {last}"] = child
    return children


def _create_outreach(homes, carers, children, users):
    hub = homes["WH"]
    for carer_key, name, first, last, every in data.OUTREACH:
        for n, days_ago in enumerate(range(first, last - 1, -every)):
            night = n % 4 == 3
            outreach = Outreach(
                hub=hub,
                household=carers[carer_key],
                child=children[name],
                date=_ago(days_ago),
                kind=Outreach.Kind.RESPITE_NIGHT if night else Outreach.Kind.SESSION,
                hours=None if night else Decimal("2.5"),
                note="Respite night at the hub."
                if night
                else "Home visit: routines and de-escalation.",
                recorded_by=users["leah.morris"],
            )
            outreach.full_clean()
            outreach.save()


def _create_bed_blocks(homes, users):
    for key, beds, start, end, reason, note in data.BED_BLOCKS:
        block_beds(
            home=homes[key],
            beds=beds,
            start_date=_ago(start),
            end_date=None if end is None else _ago(end),
            reason=reason,
            note=note,
            by=users["admin"],
        )


@transaction.atomic
def seed_demo() -> bool:
    """Build the demo council. Returns False (and writes nothing) if it is already there."""
    users = ensure_users()
    if already_seeded():
        return False
    rng = random.Random(2026)
    homes, units = _create_homes(users)
    carers = _create_carers(users)
    _create_rates()
    children = _create_children(homes, units, carers, users, rng)
    _create_outreach(homes, carers, children, users)
    _create_bed_blocks(homes, users)
    create_clocks(children, data.CHILDREN, users["admin"], rng)
    create_903(children, users)
    create_monitoring(homes, rng, users["admin"])
    create_match_requests(users)
    # Today's checks, as the daily job would run them, so My work and the bell show real
    # alerts from the first sign-in. Digest emails wait for the scheduled run.
    run_day(today(), send_email=False)
    return True
