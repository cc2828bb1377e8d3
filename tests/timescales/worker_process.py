"""A real Celery worker process for tests/timescales/test_worker_killed.py.

    python -m tests.timescales.worker_process

Environment: DATABASE_URL (the test database), HOMEWARD_TEST_CELERY (JSON of Celery settings:
the test's broker), HOMEWARD_TEST_QUEUE (the queue to take jobs from), HOMEWARD_TEST_POOL (solo, or prefork
with two processes as docker-compose runs it), and, to be killed in the middle of the daily
checks, HOMEWARD_TEST_STALL_AT=N and HOMEWARD_TEST_MARKER=path: the process running the job
stops inside the N-th check's transaction (its alerts written, not committed), writes its pid
to the marker file and waits to be killed.
"""

import json
import os
import time
from pathlib import Path

import django


def _stall_inside_check(n: int, marker: Path):
    from notifications import services as notifications

    notify = notifications.notify
    calls = []

    def notify_or_stall(pairs, day):
        calls.append(day)
        if len(calls) == n and not marker.exists():  # once: not again in the run that follows
            marker.write_text(str(os.getpid()))
            time.sleep(600)
        return notify(pairs, day)

    notifications.notify = notify_or_stall


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from config.celery import app

    app.conf.update(json.loads(os.environ["HOMEWARD_TEST_CELERY"]), task_always_eager=False)
    if stall_at := os.environ.get("HOMEWARD_TEST_STALL_AT"):
        _stall_inside_check(int(stall_at), Path(os.environ["HOMEWARD_TEST_MARKER"]))
    app.worker_main(
        ["worker", f"--pool={os.environ['HOMEWARD_TEST_POOL']}", "--concurrency=2"]
        + ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        + ["--queues", os.environ["HOMEWARD_TEST_QUEUE"]]
    )


if __name__ == "__main__":
    main()
