"""One small council used by the URL permission table: each role's own records and someone
else's, so every URL is tried by every role, including guesses at another child's id."""

import datetime
from dataclasses import dataclass

from accounts.models import Role
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory


@dataclass
class World:
    users: dict
    my_child: object  # on the social worker's caseload, placed in the manager's home
    other_child: object  # nobody's caseload here, placed in another home
    my_home: object  # managed by the home manager, visited by the visitor
    other_home: object
    my_placement: object
    other_placement: object


def build_world() -> World:
    users = {role: UserFactory(username=f"{role}-user", role=role) for role in Role.values}
    my_home = HomeFactory(name="Oak House")
    my_home.managers.add(users[Role.HOME_MANAGER])
    my_home.independent_visitors.add(users[Role.INDEPENDENT_VISITOR])
    other_home = HomeFactory(name="Elm House")
    my_child = ChildFactory(social_worker=users[Role.SOCIAL_WORKER])
    other_child = ChildFactory()
    start = datetime.date.today() - datetime.timedelta(days=10)
    return World(
        users=users,
        my_child=my_child,
        other_child=other_child,
        my_home=my_home,
        other_home=other_home,
        my_placement=PlacementFactory(child=my_child, home=my_home, start_date=start),
        other_placement=PlacementFactory(child=other_child, home=other_home, start_date=start),
    )
