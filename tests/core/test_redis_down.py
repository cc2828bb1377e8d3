"""Redis (Celery's broker) down: the pages still serve, a job asked for meanwhile is refused
plainly instead of a server error, and once Redis is back the queue works again, with the
worker that was running through the outage.

A throwaway redis-server on a free port, started and stopped here; skipped where there is
no redis-server."""

import datetime
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.urls import reverse

from config.celery import app
from reporting import tasks as reporting_tasks
from reporting.models import BoardReport
from ssda903 import tasks as ssda903_tasks
from tests.brokers import using
from tests.factories import ChildFactory, HomeFactory, PlacementFactory

JOBS = (reporting_tasks.generate_board_report, ssda903_tasks.validate_return_now)  # registered
pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server")


@dataclass
class ThrowawayRedis:
    port: int
    folder: str
    process: subprocess.Popen | None = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", self.folder],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker(tmp_path):
    """Celery pointed at a Redis of its own for the test, put back after."""
    server = ThrowawayRedis(_free_port(), str(tmp_path))
    server.start()
    transport = {"socket_connect_timeout": 1, "socket_timeout": 2}
    conf = {"broker_url": server.url, "result_backend": server.url}
    try:
        with using({**conf, "broker_transport_options": transport}):
            yield server
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_redis_down_pages_serve_jobs_are_refused_plainly_and_the_queue_recovers(
    client, administrator, broker
):
    home = HomeFactory()
    child = ChildFactory()
    PlacementFactory(child=child, home=home, start_date=datetime.date(2026, 1, 5))
    client.force_login(administrator)
    period = {"period": "2026-01"}

    queues = [app.conf.task_default_queue]  # where the pages send jobs
    with start_worker(app, pool="solo", perform_ping_check=False, queues=queues):
        broker.stop()
        for page in (
            reverse("accounts:my_work"),
            reverse("children:detail", args=[child.pk]),
            reverse("homes:occupancy"),
            reverse("reporting:list"),
            reverse("ssda903:data_quality"),
        ):
            assert client.get(page).status_code == 200, page
        # Asking for a job while the queue is down: told plainly, no server error.
        asked = client.post(reverse("reporting:request"), period, follow=True)
        assert asked.status_code == 200
        assert "could not be started" in asked.content.decode()
        assert BoardReport.objects.get().status == BoardReport.Status.FAILED
        checked = client.post(reverse("ssda903:check_now"), follow=True)
        assert checked.status_code == 200
        assert "could not be started" in checked.content.decode()

        # Redis back: the same worker takes the next job. The test waits for the worker to say
        # the job ran rather than reading the report meanwhile: in SQLite's in-memory test
        # database a read at the moment the worker writes fails the worker's write.
        broker.start()
        finished = threading.Event()

        def ran(sender, **kwargs):
            if sender.name == reporting_tasks.generate_board_report.name:
                finished.set()

        task_postrun.connect(ran, weak=False)
        try:
            again = client.post(reverse("reporting:request"), period)
            assert again.status_code == 302
            assert finished.wait(90)  # the worker tries again 2, 4, 6… seconds apart (at most 30)
        finally:
            task_postrun.disconnect(ran)
        assert BoardReport.objects.latest("pk").status == BoardReport.Status.DONE
