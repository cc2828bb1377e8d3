"""Logs are JSON lines with a request id, and hold no personal data: no names, no usernames or
passwords, no addresses, no search terms."""

import io
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from core.logs import json_formatter
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the console handler writes while the test runs, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_each_request_logs_json_lines_sharing_one_request_id(client, social_worker, log_lines):
    client.force_login(social_worker)
    client.get(reverse("accounts:my_work"), HTTP_X_REQUEST_ID="from-the-proxy")
    client.get(reverse("accounts:my_work"))
    requests = [line for line in log_lines() if line["event"] == "request_finished"]
    assert len(requests) == 2
    assert requests[0]["request"] == "GET /"
    assert requests[0]["code"] == 200
    assert requests[0]["user_id"] == social_worker.pk
    assert requests[0]["request_id"] != requests[1]["request_id"]
    started = [line for line in log_lines() if line["event"] == "request_started"]
    assert [line["request_id"] for line in started] == [line["request_id"] for line in requests]


def test_no_personal_data_reaches_the_logs(client, log_lines, settings):
    settings.AXES_FAILURE_LIMIT = 2
    worker = UserFactory(
        username="sam.okafor", email="sam.okafor@council.example", role=Role.SOCIAL_WORKER
    )
    child = ChildFactory(first_name="Adaeze", last_name="Lovelace-Nwosu", social_worker=worker)
    signed_out = Client(REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Homeward-Test-Browser/1.0")
    for _ in range(3):  # wrong passwords, then the lockout
        signed_out.post(reverse("login"), {"username": "sam.okafor", "password": "hunter2-wrong"})
    client.force_login(worker)
    client.get(f"{reverse('children:search')}?q=Lovelace-Nwosu")
    client.get(reverse("children:detail", args=[child.pk]))
    client.get("/no-such-page/?name=Adaeze")

    text = "\n".join(json.dumps(line) for line in log_lines())
    assert "request_finished" in text
    for personal in (
        "Adaeze",
        "Lovelace-Nwosu",
        "sam.okafor",
        "hunter2-wrong",
        "198.51.100.23",
        "Homeward-Test-Browser",
    ):
        assert personal not in text, f"{personal!r} was logged"
