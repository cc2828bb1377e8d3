"""Celery's broker for the tests that run a real worker: Redis when HOMEWARD_REDIS_TESTS=1 and
REDIS_URL are set (CI's PostgreSQL run), otherwise kombu's filesystem broker in a temporary
folder; and pointing the app at a test's broker and back."""

import contextlib
import os
from urllib.parse import urlsplit

from config.celery import app

CONNECTION_SETTINGS = ("broker_url", "result_backend", "broker_transport_options")


def on_redis() -> bool:
    return os.environ.get("HOMEWARD_REDIS_TESTS") == "1" and bool(os.environ.get("REDIS_URL"))


def _redis_url() -> str:
    """REDIS_URL, with a database of its own for each pytest-xdist process (gw0 takes 1, gw1
    takes 2, ...): a worker started by one process must not take another's jobs."""
    url = urlsplit(os.environ["REDIS_URL"])
    xdist_worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1", ...
    if not xdist_worker:
        return url.geturl()
    return url._replace(path=f"/{int(xdist_worker.removeprefix('gw')) + 1}").geturl()


def broker_settings(tmp_path) -> dict:
    if on_redis():
        redis_url = _redis_url()
        return {"broker_url": redis_url, "result_backend": redis_url}
    folders = {name: tmp_path / name for name in ("out", "processed", "control", "results")}
    for folder in folders.values():
        folder.mkdir(exist_ok=True)
    return {
        "broker_url": "atomic-filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folders["out"]),
            "data_folder_out": str(folders["out"]),
            "processed_folder": str(folders["processed"]),
            "control_folder": str(folders["control"]),
            "polling_interval": 0.1,
        },
        "result_backend": f"file://{folders['results']}",
    }


def _drop_connections():
    """Celery pools broker connections made with the settings it had when they were made; a
    test on another broker needs fresh ones. (Not app.close(): that also unregisters the app,
    and tasks imported later are then unknown to it.)"""
    app._pool = None  # kombu keeps the pools themselves, one per broker: they stay open
    app.amqp._producer_pool = None
    app._backend_cache = None  # the result store, kept per app or per thread
    app._local.__dict__.pop("backend", None)


@contextlib.contextmanager
def using(conf: dict):
    """The app sends to and reads results from `conf`'s broker, not eagerly, until the end."""
    saved = {key: app.conf.get(key) for key in (*CONNECTION_SETTINGS, "task_always_eager")}
    _drop_connections()
    app.conf.update(task_always_eager=False, **conf)
    try:
        yield
    finally:
        _drop_connections()
        app.conf.update(saved)
