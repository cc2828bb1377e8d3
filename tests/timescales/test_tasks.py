"""The daily task through a real Celery worker: Redis when HOMEWARD_REDIS_TESTS=1 and REDIS_URL
are set (CI's PostgreSQL run), otherwise kombu's filesystem broker in a temporary folder."""

import datetime
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from notifications.models import DigestSent
from tests.brokers import broker_settings, using
from timescales.models import Alert, JobRun
from timescales.tasks import run_daily_checks

TODAY = datetime.date(2026, 4, 10)


@pytest.fixture
def worker_queue(tmp_path):
    """A worker in this process on a queue of its own, so no other worker takes the task."""
    queue = f"test-{uuid.uuid4().hex}"
    with (
        using(broker_settings(tmp_path)),
        start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]),
    ):
        yield queue


@pytest.mark.django_db(transaction=True)
def test_the_daily_task_catches_up_missed_days_in_a_real_worker(
    worker_queue, safe_space, place, administrator, mailoutbox
):
    place(safe_space, datetime.date(2026, 3, 2), planned_end=datetime.date(2026, 3, 30))
    JobRun.objects.create(day=TODAY - datetime.timedelta(days=3), succeeded=True)

    summary = run_daily_checks.apply_async(
        kwargs={"until": TODAY.isoformat()}, queue=worker_queue
    ).get(timeout=60)

    missed = [TODAY - datetime.timedelta(days=n) for n in (2, 1, 0)]
    assert list(summary["days"]) == [day.isoformat() for day in missed]
    assert set(JobRun.objects.filter(succeeded=True).values_list("day", flat=True)) >= set(missed)
    assert Alert.objects.get(rule="stay_limit_breach").opened_on == missed[0]
    assert summary["emails"] >= 2  # one digest each for the social worker, manager and head
    assert DigestSent.objects.filter(day=TODAY).count() == summary["emails"]

    # The next run the same day has nothing left to do and sends nothing.
    again = run_daily_checks.apply_async(
        kwargs={"until": TODAY.isoformat()}, queue=worker_queue
    ).get(timeout=60)
    assert again == {"days": {}, "emails": 0}
    assert len(mailoutbox) == summary["emails"]
