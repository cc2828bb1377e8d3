"""The Celery worker killed (SIGKILL) in the middle of the daily checks, then restarted: no alert
is lost and none is doubled, and every new alert's people are told once.

A real worker on the test's PostgreSQL database (tests/timescales/worker_process.py), so
PostgreSQL only, in both shapes the project runs:

- prefork, as docker-compose runs it: the process running the job is killed and the worker
  starts another. The job is acknowledged only when it ends (acks_late) and a lost process
  sends it back to the queue (reject_on_worker_lost), so it runs again at once.
- solo, as the Procfile runs it: the whole worker is killed and started again. On Redis (CI's
  PostgreSQL run) the unacknowledged job goes back to the queue once its visibility timeout
  passes, with nobody asking. kombu's filesystem broker (`make run` without Redis) deletes a
  message as it hands it out, so there the next run (the next morning's, or an operator's)
  finishes the day: it never ran to the end, so it runs again.

Either way, every step of the run is idempotent, so the checks run before the kill add nothing
when they run again.
"""

import contextlib
import datetime
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from notifications.models import DigestSent, Notification
from tests.brokers import broker_settings, on_redis, using
from timescales.models import Alert, JobRun
from timescales.registry import CHECKS
from timescales.tasks import run_daily_checks

TODAY = datetime.date(2026, 4, 10)
STALL_AT = 7  # the 7th check in order (planned_end_passed): six committed, the rest not run
VISIBILITY_TIMEOUT = 3  # seconds before Redis hands an unacknowledged job to another worker


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


@pytest.fixture
def celery_conf(tmp_path):
    conf = broker_settings(tmp_path)
    if on_redis():
        conf["broker_transport_options"] = {
            "visibility_timeout": VISIBILITY_TIMEOUT,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
        }
    with using(conf):
        yield conf


@pytest.fixture
def workers(tmp_path, celery_conf):
    """Start worker processes on a queue of their own; all are killed at the end, with the pool
    processes a prefork worker started (each worker leads a process group of its own): one left
    behind keeps a connection to the test database, which then cannot be dropped."""
    queue = f"test-{uuid.uuid4().hex}"
    started = []

    def start(pool, **stall):
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "HOMEWARD_TEST_CELERY": json.dumps(celery_conf),
            "HOMEWARD_TEST_QUEUE": queue,
            "HOMEWARD_TEST_POOL": pool,
            **{f"HOMEWARD_TEST_{k.upper()}": str(v) for k, v in stall.items()},
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.timescales.worker_process"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"worker-{len(started)}.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )
        started.append(process)
        return process

    start.queue = queue
    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):  # the whole group has gone already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _open_alerts():
    return Counter(
        Alert.objects.filter(resolved_on__isnull=True).values_list(
            "rule", "subject_type", "subject_id", "key"
        )
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("pool", ["prefork", "solo"])
def test_a_worker_killed_mid_run_loses_and_doubles_no_alert(
    on_postgres, workers, safe_space, place, administrator, tmp_path, pool
):
    for n in range(2):  # stays past their planned end and the safe space's limit
        start = datetime.date(2026, 3, 2) + datetime.timedelta(days=n)
        place(safe_space, start, planned_end=start + datetime.timedelta(days=27))
    JobRun.objects.create(day=TODAY - datetime.timedelta(days=1), succeeded=True)
    expected = Counter(
        (rule, *condition.identity)
        for rule, check in CHECKS.items()
        for condition in check.run(TODAY).conditions
    )
    assert len({key[0] for key in expected}) >= 4  # alerts from several checks

    marker = tmp_path / "stalled"
    worker = workers(pool, stall_at=STALL_AT, marker=marker)
    run_daily_checks.apply_async(kwargs={"until": TODAY.isoformat()}, queue=workers.queue)
    _wait_for(lambda: marker.exists() and marker.read_text(), 120, "the middle of the checks")

    partial = _open_alerts()
    assert 0 < sum(partial.values()) < sum(expected.values())  # really in the middle
    assert not JobRun.objects.filter(day=TODAY, succeeded=True).exists()
    running_the_job = int(marker.read_text())
    os.kill(running_the_job, signal.SIGKILL)
    if pool == "solo":
        assert running_the_job == worker.pid
        worker.wait(timeout=30)
        workers(pool)  # restarted
        if not on_redis():  # the filesystem broker lost the job: the next run finishes the day
            run_daily_checks.apply_async(kwargs={"until": TODAY.isoformat()}, queue=workers.queue)
    _wait_for(
        lambda: JobRun.objects.filter(day=TODAY, succeeded=True).exists(),
        120,
        "the restarted worker to finish the day",
    )

    assert _open_alerts() == expected  # none lost, none twice
    print(
        f"\n{pool} worker killed with {sum(partial.values())} of {sum(expected.values())} alerts"
        f" committed; after the restart {sum(_open_alerts().values())}, none twice"
    )
    doubled = (
        Notification.objects.values("alert", "user", "day").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not doubled.exists()
    untold = Alert.objects.filter(opened_on=TODAY, resolved_on__isnull=True).exclude(
        notifications__day=TODAY
    )
    assert not untold.exists()
    assert not DigestSent.objects.values("user", "day").annotate(n=Count("id")).filter(n__gt=1)
