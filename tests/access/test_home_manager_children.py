"""Which children a home manager may see: those living in, or coming to, a home they manage."""

import datetime

import pytest
import time_machine

from accounts.access import can_view_child, children_visible_to
from tests.factories import ChildFactory, HomeFactory, PlacementFactory
from tests.placements.conftest import MONDAY, at

pytestmark = pytest.mark.django_db


def _days(n):
    return MONDAY + datetime.timedelta(days=n)


@time_machine.travel(at(MONDAY))
def test_a_manager_sees_the_children_of_their_homes_while_they_live_there_or_are_coming(
    home_manager,
):
    oak, elm = HomeFactory(name="Oak House"), HomeFactory(name="Elm House")
    oak.managers.add(home_manager)

    def child_with_stay(home, start, end=None, **stay):
        child = ChildFactory()
        PlacementFactory(child=child, home=home, start_date=start, end_date=end, **stay)
        return child

    living_here = child_with_stay(oak, _days(-30))
    leaving_today = child_with_stay(oak, _days(-30), end=MONDAY)
    arriving = child_with_stay(oak, _days(7))
    left = child_with_stay(oak, _days(-30), end=_days(-1))
    recorded_in_error = child_with_stay(oak, _days(-30), entered_in_error=True)
    elsewhere = child_with_stay(elm, _days(-30))
    moved_away = child_with_stay(oak, _days(-60), end=_days(-20))
    PlacementFactory(child=moved_away, home=elm, start_date=_days(-20))

    assert set(children_visible_to(home_manager)) == {living_here, leaving_today, arriving}
    assert can_view_child(home_manager, arriving)
    assert not can_view_child(home_manager, moved_away)
    assert not any(
        can_view_child(home_manager, child) for child in (left, recorded_in_error, elsewhere)
    )
