"""Celery's broker for the tests that run a real worker: Redis when HOMEWARD_REDIS_TESTS=1 and
REDIS_URL are set (CI's PostgreSQL run), otherwise kombu's filesystem broker in a temporary
folder; and pointing the app at a test's broker and back."""

import contextlib
import os

from config.celery import app

CONNECTION_SETTINGS = ("broker_url", "result_backend", "broker_transport_options")


def on_redis() -> bool:
    return os.environ.get("HOMEWARD_REDIS_TESTS") == "1" and bool(os.environ.get("REDIS_URL"))


def broker_settings(tmp_path) -> dict:
    if on_redis():
        redis_url = os.environ["REDIS_URL"]
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
