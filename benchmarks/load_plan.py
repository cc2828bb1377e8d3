"""What the benchmarks' people work on (benchmarks/load.py, run with Django set up): signed-in
sessions per role, with the second factor given as a person gives it, their children, stays and
homes, and a few carer households whose places every social worker asks for at once."""

import json

from django.db.models import Count
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.models import Role, User
from accounts.two_factor import needs_two_factor
from careleavers.models import CareLeaver
from carers.models import ApprovalStatus, CarerHousehold
from children.models import Child
from core.dates import today
from homes.models import Home
from inspections.models import Reg44Visit
from placements.models import Placement
from tests.two_factor import app_device

PEOPLE = {
    Role.SOCIAL_WORKER: 25,
    Role.HOME_MANAGER: 12,
    Role.ADMINISTRATOR: 3,
    Role.BOARD_MEMBER: 2,
    Role.PERSONAL_ADVISER: 3,
    Role.INDEPENDENT_VISITOR: 3,
}
EACH = 20  # records of each kind a person works on
CONTESTED = 3  # carer households every social worker books at once


def write_plan(path):
    """The plan for a database that benchmarks/databases.py has filled."""
    _board_members()
    day = today()
    open_now = Placement.objects.active_on(day)
    people = {role.value: [] for role in PEOPLE}
    for role, count in PEOPLE.items():
        for user in User.objects.filter(role=role, is_active=True).order_by("pk")[:count]:
            people[role.value].append({"session": _session(user), **_work(user, role, open_now)})
    carers = CarerHousehold.objects.filter(approval_status=ApprovalStatus.APPROVED)
    plan = {
        "day": day.isoformat(),
        "people": people,
        "contested_carers": list(carers.order_by("pk").values_list("pk", flat=True)[:CONTESTED]),
        "carers": _ids(carers.order_by("-pk")),
    }
    path.write_text(json.dumps(plan), encoding="utf-8")


def _board_members():
    """generate_synthetic makes staff only; the board reads too."""
    for n in range(PEOPLE[Role.BOARD_MEMBER]):
        User.objects.get_or_create(
            username=f"bench-board-{n}",
            defaults={"role": Role.BOARD_MEMBER, "first_name": "Board", "last_name": f"Member {n}"},
        )


def _session(user):
    """A session signed in with both factors, as after the code from the person's app."""
    client = Client()
    client.force_login(user)
    if needs_two_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
        session.save()
    return client.cookies["sessionid"].value


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True)[:EACH])


def _work(user, role, open_now):
    if role == Role.SOCIAL_WORKER:
        mine = Child.objects.filter(social_worker=user).order_by("pk")
        stays = open_now.filter(child__social_worker=user).order_by("pk")
        first = mine.first()
        return {
            "children": _ids(mine),
            "placements": _ids(stays),
            "home_placements": _ids(stays.filter(home__isnull=False)),
            "free_children": _ids(mine.exclude(pk__in=open_now.values("child"))),
            "search": first.last_name[:3] if first else "a",
        }
    if role == Role.HOME_MANAGER:
        homes = Home.objects.filter(managers=user).order_by("pk")
        residents = open_now.filter(home__in=homes).order_by("pk").values("child")
        return {"homes": _ids(homes), "children": _ids(Child.objects.filter(pk__in=residents))}
    if role == Role.PERSONAL_ADVISER:
        return {"care_leavers": _ids(CareLeaver.objects.filter(personal_adviser=user))}
    if role == Role.INDEPENDENT_VISITOR:
        return {"visits": _ids(Reg44Visit.objects.filter(visitor=user).order_by("-visit_date"))}
    if role == Role.ADMINISTRATOR:
        # The whole register searched for its commonest surname: the most children to sort.
        commonest = Child.objects.values("last_name").annotate(n=Count("pk")).order_by("-n").first()
        return {
            "children": _ids(Child.objects.filter(pk__in=open_now.values("child"))),
            "search": commonest["last_name"] if commonest else "a",
        }
    return {}
