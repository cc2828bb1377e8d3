"""/healthz answers signed out, names each check, and fails when a service is down."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from celery import current_app
from django.db import connections

pytestmark = pytest.mark.django_db(transaction=True)


def health(client):
    """Ask /healthz from another thread, as a server would: the view is async, and the browser
    tests leave Playwright's event loop running in the test thread."""

    def ask():
        try:
            return client.get("/healthz", HTTP_ACCEPT="application/json")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(ask).result()


def test_healthz_reports_database_broker_and_storage_to_a_signed_out_caller(client):
    response = health(client)
    assert response.status_code == 200
    assert response.json() == {
        "Database(alias='default')": "OK",
        "Broker()": "OK",
        "Storage(alias='default')": "OK",
    }


def test_healthz_fails_when_the_broker_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(current_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = health(client)
    assert response.status_code == 500
    assert response.json()["Broker()"] == "Unavailable: broker unreachable: OperationalError"
    assert response.json()["Database(alias='default')"] == "OK"


def test_healthz_fails_when_files_cannot_be_written(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": "/proc/homeward-cannot-write-here"},
        },
    }
    response = health(client)
    assert response.status_code == 500
    assert response.json()["Storage(alias='default')"] != "OK"
