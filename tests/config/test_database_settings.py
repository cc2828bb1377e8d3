"""PostgreSQL's JIT compiler is off for every connection Homeward opens; SQLite has no such
option."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _options(**env):
    """The default database's OPTIONS as config.settings works them out for this environment."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.DATABASES['default'].get('OPTIONS', {}))",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_connection_runs_with_jit_off(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_jit_is_turned_off_on_postgresql_only_and_can_be_turned_back_on():
    postgres = "postgres://postgres@127.0.0.1:5432/homeward"
    assert "'options': '-c jit=off'" in _options(DATABASE_URL=postgres, DB_JIT="")
    assert "jit" not in _options(DATABASE_URL=postgres, DB_JIT="on")
    assert "jit" not in _options(DATABASE_URL="sqlite:///var/test.sqlite3")
