"""The retention schedule: nothing about a child is changed before their 75th birthday; after
it, the records are kept but anonymised, in a fixed number of statements, and the trail says so."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from children.models import Child
from governance import retention, tasks
from governance.models import Anonymisation
from placements.models import MissingEpisode, Placement
from tests.factories import ChildFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def _child(born: datetime.date, **extra):
    child = ChildFactory(date_of_birth=born, first_name="Edith", last_name="Marsh", **extra)
    stay = PlacementFactory(
        child=child, start_date=datetime.date(1960, 1, 4), end_date=datetime.date(1968, 5, 1),
        placement_postcode="LS6 1AA",
    )  # fmt: skip
    MissingEpisode.objects.create(
        child=child,
        placement=stay,
        kind="M",
        started_at=datetime.datetime(1962, 3, 1, 20, tzinfo=datetime.UTC),
        note="Found at her aunt's in Headingley",
    )
    return child


def test_nothing_changes_before_the_75th_birthday_and_all_is_anonymised_on_it(social_worker):
    child = _child(datetime.date(1951, 6, 10), home_postcode="LS1 1AA", upn="A123456789012")
    young = _child(datetime.date(2012, 1, 1))
    before = AuditEvent.objects.filter(object_label__contains=f"({child.local_id})").count()
    assert before  # the creates above are in the trail, naming her

    with time_machine.travel(datetime.date(2026, 6, 9)):
        assert tasks.apply_retention() == 0
    child.refresh_from_db()
    assert (child.first_name, child.date_of_birth) == ("Edith", datetime.date(1951, 6, 10))

    opened_at = child.version
    with time_machine.travel(datetime.date(2026, 6, 10)):
        assert tasks.apply_retention() == 1
    child.refresh_from_db()
    assert child.version == opened_at + 1  # a form opened before cannot save her name back
    assert (child.first_name, child.last_name, child.local_id) == (
        "Anonymised", "Anonymised", f"ANON{child.pk}"
    )  # fmt: skip
    assert (child.date_of_birth, child.upn, child.home_postcode) == (
        datetime.date(1951, 1, 1), "", ""
    )  # fmt: skip
    # Kept, never deleted: the same records, without what identifies her.
    stay = Placement.objects.get(child=child)
    assert stay.placement_postcode == "" and stay.end_date == datetime.date(1968, 5, 1)
    assert MissingEpisode.objects.get(child=child).note == ""
    assert Anonymisation.objects.get(child=child).on == datetime.date(2026, 6, 10)
    # The trail keeps who did what and when, but no longer her name...
    hers = AuditEvent.objects.filter(object_type="children.child", object_id=str(child.pk))
    assert hers.count() > 1 and set(hers.values_list("object_label", flat=True)) == {""}
    assert not AuditEvent.objects.filter(object_label__contains=f"({child.local_id})").exists()
    # ...and says what the retention job changed.
    assert (
        AuditEvent.objects.filter(
            object_type="placements.placement", object_id=str(stay.pk), action="update"
        )
        .latest("id")
        .changes["retention"][1]
        .startswith("anonymised: 75th birthday")
    )
    # The younger child is untouched, and a second run changes nothing.
    young.refresh_from_db()
    assert young.first_name == "Edith" and Placement.objects.get(child=young).placement_postcode
    with time_machine.travel(datetime.date(2026, 6, 11)):
        assert tasks.apply_retention() == 0


@pytest.mark.parametrize(
    ("born", "today", "due"),
    [
        (datetime.date(1952, 2, 29), datetime.date(2027, 2, 28), False),
        (datetime.date(1952, 2, 29), datetime.date(2027, 3, 1), True),
        (datetime.date(1953, 3, 1), datetime.date(2028, 2, 29), False),
        (datetime.date(1953, 2, 28), datetime.date(2028, 2, 29), True),
        (datetime.date(1951, 12, 31), datetime.date(2026, 12, 31), True),
        (datetime.date(1952, 1, 1), datetime.date(2026, 12, 31), False),
    ],
)
def test_the_75th_birthday_of_someone_born_on_29_february_is_1_march(born, today, due):
    child = ChildFactory(date_of_birth=born)
    with time_machine.travel(today):
        assert retention.apply(today) == int(due)
    child.refresh_from_db()
    assert (child.first_name == retention.ANONYMISED) is due


def _statements(on):
    with CaptureQueriesContext(connection) as run:
        retention.apply(on)
    return len(run.captured_queries)


def test_a_fixed_number_of_statements_whatever_the_number_of_children():
    for _ in range(2):
        _child(datetime.date(1940, 5, 5))
    few = _statements(datetime.date(2026, 1, 1))
    for _ in range(6):
        _child(datetime.date(1940, 5, 5))
    assert _statements(datetime.date(2026, 1, 2)) == few
    assert Child.objects.filter(first_name=retention.ANONYMISED).count() == 8


def test_the_job_runs_every_night():
    job = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert job["task"] == "governance.tasks.apply_retention"
    assert job["schedule"].hour == {2}


def test_every_record_the_job_changes_has_a_row_in_the_trail():
    child = _child(datetime.date(1940, 5, 5))
    since = AuditEvent.objects.latest("id").id
    retention.apply(datetime.date(2026, 1, 1))
    rows = AuditEvent.objects.filter(id__gt=since)
    assert set(rows.values_list("object_type", flat=True)) == {
        "children.child", "placements.placement", "placements.missingepisode",
        "governance.anonymisation",
    }  # fmt: skip
    assert rows.get(object_type="children.child").object_id == str(child.pk)


def test_after_the_job_the_trail_refuses_changes_again(on_postgres):
    from django.db import DatabaseError, transaction

    _child(datetime.date(1940, 5, 5))
    retention.apply(datetime.date(2026, 1, 1))  # inside the test's transaction, as in a caller's
    event = AuditEvent.objects.latest("id")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET object_label = 'x' WHERE id = %s", [event.pk])
