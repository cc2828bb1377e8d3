"""Two people booking the last bed at the same moment: exactly one succeeds.

Runs on PostgreSQL with two real connections (one per thread). The check-then-save window is
widened on purpose, so without the row lock both bookings would pass the capacity check.
"""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections

from placements import services
from placements.models import Placement
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory


def _book_at_once(bookings):
    """Run each booking in its own thread and connection, released together."""
    barrier = threading.Barrier(len(bookings))
    outcomes = [None] * len(bookings)

    def run(i, booking):
        try:
            barrier.wait()
            outcomes[i] = booking()
        except (ValidationError, IntegrityError) as error:
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, b)) for i, b in enumerate(bookings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def slow_save(monkeypatch):
    fill = services._fill_derived

    def slowly(placement):
        time.sleep(0.5)  # both requests are now between their check and their insert
        fill(placement)

    monkeypatch.setattr(services, "_fill_derived", slowly)


@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_bookings_gets_the_last_bed(on_postgres, slow_save):
    assert connection.vendor == "postgresql"
    worker = UserFactory()
    home = HomeFactory(beds=1)
    children = [ChildFactory(), ChildFactory()]

    def booking(child):
        return lambda: services.place_child(
            child=child,
            home=home,
            start_date=datetime.date(2026, 1, 5),
            legal_status="C2",
            by=worker,
        )

    outcomes = _book_at_once([booking(c) for c in children])
    booked = [o for o in outcomes if isinstance(o, Placement)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(booked) == 1 and len(refused) == 1, outcomes
    assert "no free bed" in str(refused[0])
    assert Placement.objects.filter(home=home).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_child_booked_twice_at_once_gets_one_placement(on_postgres, slow_save):
    worker = UserFactory()
    child = ChildFactory()
    homes = [HomeFactory(), HomeFactory()]

    def booking(home):
        return lambda: services.place_child(
            child=child,
            home=home,
            start_date=datetime.date(2026, 1, 5),
            legal_status="C2",
            by=worker,
        )

    outcomes = _book_at_once([booking(h) for h in homes])
    assert sum(isinstance(o, Placement) for o in outcomes) == 1, outcomes
    assert Placement.objects.filter(child=child).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_overlapping_stays_written_around_the_service(on_postgres):
    first = PlacementFactory(start_date=datetime.date(2026, 1, 5))
    with pytest.raises(IntegrityError):
        PlacementFactory(child=first.child, start_date=datetime.date(2026, 2, 1))


@pytest.mark.django_db
def test_the_database_allows_back_to_back_and_corrected_stays(on_postgres):
    first = PlacementFactory(
        start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 2, 1)
    )
    assert PlacementFactory(child=first.child, start_date=datetime.date(2026, 2, 1)).pk
    assert PlacementFactory(
        child=first.child, start_date=datetime.date(2026, 1, 10), entered_in_error=True
    ).pk
