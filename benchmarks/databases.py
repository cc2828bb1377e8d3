"""What the benchmarks share: a PostgreSQL database of synthetic data per size, made once and
reused (<name>_bench_<children> beside the database <name> in DATABASE_URL), the machine they
ran on, and writing their tables into docs/performance.md between markers."""

import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"


def database_url(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The benchmarks need PostgreSQL: set DATABASE_URL=postgres://...")
    return url


def manage(env, *command, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_database(url, name, *, fresh=False):
    """Create the database `name` beside the one in `url` unless it is there (again if fresh)."""
    import psycopg2

    admin = psycopg2.connect(database_url(url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and fresh:
            cursor.execute(f'DROP DATABASE "{name}"')
            exists = False
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def prepared(children: int, *, fresh=False, name=None) -> dict:
    """The environment for a database holding `children` synthetic children: made, migrated and
    filled the first time (generate_synthetic, timed, then VACUUM ANALYZE as autovacuum would
    have by the next morning), reused after that."""
    url = postgres_url()
    name = name or f"{urlsplit(url).path.strip('/')}_bench_{children}"
    env = {**os.environ, "DATABASE_URL": database_url(url, name), "LOG_LEVEL": "WARNING"}
    ensure_database(url, name, fresh=fresh)
    manage(env, "migrate", "--no-input", "-v0")
    record = VAR / f"{name}.json"
    filled = manage(env, "dbshell", "--", "-tAc", "SELECT EXISTS (SELECT 1 FROM children_child)",
                    capture=True).stdout.strip() == "t"  # fmt: skip
    if not filled:  # new, or a run that failed (generate_synthetic writes all or nothing)
        load = os.getloadavg()[0]
        started = time.monotonic()
        manage(env, "generate_synthetic", "--children", str(children))
        seconds = time.monotonic() - started
        manage(env, "dbshell", "--", "-c", "VACUUM ANALYZE")
        VAR.mkdir(parents=True, exist_ok=True)
        record.write_text(
            json.dumps({"seconds": seconds, "load": load, "on": time.strftime("%Y-%m-%d")}),
            encoding="utf-8",
        )
    return {"env": env, "name": name, "generated": _read(record)}


def _read(path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def machine(env) -> str:
    """One line about where the figures were measured."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found[1].strip() if found else model
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    postgres = manage(env, "dbshell", "--", "-tAc", "SHOW server_version", capture=True)
    return (
        f"{os.cpu_count()} cores ({model}){memory}, PostgreSQL "
        f"{postgres.stdout.strip().split()[0]} on the same machine, Python "
        f"{platform.python_version()}"
    )


def load_average() -> str:
    return ", ".join(f"{n:.1f}" for n in os.getloadavg())


def write_block(path: Path, key: str, text: str):
    """Put `text` between <!-- key --> and <!-- /key --> in `path` (at the end if new)."""
    start, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    content = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{start}\n{text}\n{end}"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if pattern.search(content):
        content = pattern.sub(lambda _: block, content)
    else:
        content = f"{content.rstrip()}\n\n{block}\n"
    path.write_text(content, encoding="utf-8")
