"""Garbage in every field of the main forms: unknown ids, huge numbers, impossible dates and
overlong text. Each form must answer with its GOV.UK error summary (or refuse the record), never
a 500, and save nothing."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from carers.models import ApprovalStatus
from placements.models import Placement
from tests.access.world import build_world
from tests.factories import (
    CareLeaverFactory,
    CarerHouseholdFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)
HIDDEN_VALUE = re.compile(r'<input\b[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')
GARBAGE = ["999999999", "9" * 40, "-1", "31", "2", "99999", "x" * 5000, "\x00", "0"]


def garbage_for(name: str, turn: int) -> str:
    if name.endswith("-day") or name.endswith("_0"):
        return "31"
    if name.endswith("-month") or name.endswith("_1"):
        return "2"
    if name.endswith("-year") or name.endswith("_2"):
        return "99999"
    return GARBAGE[turn % len(GARBAGE)]


@pytest.fixture
def world(db):
    world = build_world()
    world.household = CarerHouseholdFactory(approval_status=ApprovalStatus.APPROVED)
    world.leaver = CareLeaverFactory(child=world.my_child)
    world.leaver.child.care_leaver.personal_adviser = world.users[Role.PERSONAL_ADVISER]
    world.leaver.save()
    world.hub = HomeFactory(name="Hub", home_type=home_type("wraparound"))
    PlacementFactory(home=None, carer=world.household, start_date=datetime.date(2025, 1, 6))
    return world


def form_pages(w):
    admin, sw, hm, iv = (
        Role.ADMINISTRATOR,
        Role.SOCIAL_WORKER,
        Role.HOME_MANAGER,
        Role.INDEPENDENT_VISITOR,
    )
    return [
        (sw, "placements:new", []),
        (sw, "placements:move", [w.my_placement.pk]),
        (sw, "placements:end", [w.my_placement.pk]),
        (sw, "placements:planned_end", [w.my_placement.pk]),
        (sw, "placements:extension_request", [w.my_placement.pk]),
        (hm, "placements:matching_new", []),  # step one is a GET form
        (hm, "homes:block_add", [w.my_home.pk]),
        (sw, "children:edit", [w.my_child.pk]),
        (admin, "carers:approval", [w.household.pk]),
        (admin, "carers:outreach_add", [w.household.pk]),
        (admin, "careleavers:edit", [w.leaver.pk]),
        (iv, "inspections:visit_create", [w.my_home.pk]),
        (hm, "inspections:reg40_create", [w.my_home.pk]),
        (hm, "inspections:incident_create", [w.my_home.pk]),
        (hm, "inspections:review_create", [w.my_home.pk]),
    ]


def test_garbage_in_every_field_is_refused_with_the_error_summary(client, world):
    placements_before = Placement.objects.count()
    changes_before = AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count()
    for role, name, args in form_pages(world):
        client.force_login(world.users[role])
        url = reverse(name, args=args)
        page = client.get(url)
        assert page.status_code == 200, (name, page.status_code)
        html = page.content.decode()
        hidden = dict(HIDDEN_VALUE.findall(html))
        names = {n for n in FIELD.findall(html) if n != "csrfmiddlewaretoken"}
        assert names, name
        for turn in range(len(GARBAGE)):
            data = {n: hidden.get(n) or garbage_for(n, turn + i) for i, n in enumerate(names)}
            send = client.get if name == "placements:matching_new" else client.post
            response = send(url, data)
            assert response.status_code in (200, 400, 409), (name, data, response.status_code)
            assert "govuk-error-summary" in response.content.decode(), (name, data)
    assert Placement.objects.count() == placements_before
    assert AuditEvent.objects.exclude(action=AuditEvent.Action.VIEW).count() == changes_before


@pytest.mark.parametrize(
    ("role", "name", "query"),
    [
        (Role.ADMINISTRATOR, "audit:search", {"user": "999999999", "date_from": "31/2/2026"}),
        (Role.ADMINISTRATOR, "audit:search", {"date_from": "1/1/99999", "action": "explode"}),
        (Role.SOCIAL_WORKER, "homes:vacancies", {"start_0": "31", "start_1": "2", "age": "9" * 40}),
        (Role.BOARD_MEMBER, "reporting:dashboard", {"period": "9999-99"}),
    ],
)
def test_garbage_in_a_search_is_explained_in_the_error_summary(client, world, role, name, query):
    client.force_login(world.users[role])
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
