"""docker compose decides the web container is healthy by asking /healthz: its healthcheck,
run as written in docker-compose.yml against a running server, passes while the service is
well and fails when the broker is down."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"


def web_healthcheck_script() -> str:
    """The Python the web service's healthcheck runs (a YAML folded block, joined by spaces)."""
    web = COMPOSE.read_text().split("\n  web:\n", 1)[1]
    folded = re.search(r"- >-\n((?:\s{10}.+\n)+)", web.split("\n  worker:\n")[0])
    assert folded, "the web service has no python healthcheck"
    return " ".join(line.strip() for line in folded.group(1).splitlines())


def run_healthcheck(server_url: str) -> subprocess.CompletedProcess:
    script = web_healthcheck_script()
    assert "/healthz" in script
    return subprocess.run(
        [sys.executable, "-c", script.replace("http://127.0.0.1:8000", server_url)],
        env={**os.environ, "ALLOWED_HOSTS": "localhost,127.0.0.1"},
        capture_output=True,
        timeout=60,
    )


@pytest.mark.django_db(transaction=True)
def test_the_compose_healthcheck_asks_healthz_and_fails_when_the_broker_is_down(
    live_server, monkeypatch
):
    assert run_healthcheck(live_server.url).returncode == 0
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    failed = run_healthcheck(live_server.url)
    assert failed.returncode != 0 and b"HTTP Error 500" in failed.stderr
