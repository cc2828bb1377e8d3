"""People booking the last bed at the same moment: exactly one succeeds.

Runs on PostgreSQL with real connections (one per thread). The check-then-save window is
widened on purpose, so without the row lock every booking would pass the capacity check.
"""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections
from django.urls import reverse

from accounts.models import Role
from placements import services
from placements.models import Placement
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory
from tests.two_factor import VerifiedClient

from .helpers import signed_off_matching

SAVE_DELAY = 0.2  # seconds between the capacity check and the insert


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
        time.sleep(SAVE_DELAY)  # every request is now between its check and its insert
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


@pytest.mark.django_db(transaction=True)
def test_twenty_people_posting_the_last_bed_at_once_one_is_placed_the_rest_told_why(
    on_postgres, slow_save
):
    """Twenty social workers press Save on the placement form for the last bed together."""
    home = HomeFactory(name="Last Bed House", beds=1)
    start = datetime.date(2026, 1, 5)
    posts = []
    for n in range(20):
        worker = UserFactory(username=f"worker-{n}", role=Role.SOCIAL_WORKER)
        child = ChildFactory(social_worker=worker)
        signed_off_matching(child, home, by=UserFactory(role=Role.HOME_MANAGER))
        client = VerifiedClient()
        client.force_login(worker)
        form = {
            "child": child.pk,
            "home": home.pk,
            "start_date": start.isoformat(),
            "legal_status": "C2",
            "purpose": "Somewhere safe.",
        }
        posts.append(lambda client=client, form=form: client.post(reverse("placements:new"), form))

    outcomes = _book_at_once(posts)

    statuses = sorted(getattr(o, "status_code", o) for o in outcomes)
    assert statuses == [200] * 19 + [302], statuses
    for refused in (o for o in outcomes if o.status_code == 200):
        page = refused.content.decode()
        assert "govuk-error-summary" in page
        assert "Last Bed House has no free bed for the whole stay" in page
    assert Placement.objects.filter(home=home).count() == 1
