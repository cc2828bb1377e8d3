"""Carer households and care leavers added to the permission table's world, once per test.

The shared world (tests/access/world.py) knows only children, homes and placements; the
carers and care-leavers rules ask for these records through `carers_of` and `leavers_of`.
"""

import datetime
from dataclasses import dataclass

from accounts.models import Role
from core.dates import today
from tests.factories import (
    CareLeaverFactory,
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)


@dataclass
class CarersWorld:
    my_household: object  # supervised by the social worker, caring for a child on their caseload
    other_household: object
    hub: object  # a Wraparound Care Hub managed by the home manager


@dataclass
class LeaversWorld:
    my_leaver: object  # on the social worker's caseload, with the personal adviser
    other_leaver: object


def carers_of(world) -> CarersWorld:
    if not hasattr(world, "carers"):
        users = world.users
        start = today() - datetime.timedelta(days=30)
        mine = CarerHouseholdFactory(supervising_social_worker=users[Role.SOCIAL_WORKER])
        other = CarerHouseholdFactory()
        for household, worker in ((mine, users[Role.SOCIAL_WORKER]), (other, None)):
            PlacementFactory(
                child=ChildFactory(social_worker=worker),
                home=None,
                carer=household,
                start_date=start,
                placement_type="U6",
            )
        hub = HomeFactory(name="Wraparound hub", home_type=home_type("wraparound"))
        hub.managers.add(users[Role.HOME_MANAGER])
        world.carers = CarersWorld(my_household=mine, other_household=other, hub=hub)
    return world.carers


def leavers_of(world) -> LeaversWorld:
    if not hasattr(world, "leavers"):
        users = world.users
        world.leavers = LeaversWorld(
            my_leaver=CareLeaverFactory(
                child__social_worker=users[Role.SOCIAL_WORKER],
                personal_adviser=users[Role.PERSONAL_ADVISER],
            ),
            other_leaver=CareLeaverFactory(),
        )
    return world.leavers
