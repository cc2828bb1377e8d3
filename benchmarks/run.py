"""Benchmark the scheduled checks on large synthetic councils on PostgreSQL (`make bench`).

For each size it makes a fresh database beside the one in DATABASE_URL (homeward_bench_<n>),
migrates it, fills it with `manage.py generate_synthetic` (enough children for about that many
placements: about 9 a child over its 10 years of history), then runs every registered check twice
for one day and prints, per check, the time and number of queries of the first run (which opens
the alerts and writes the notifications) and of the second, a same-day re-run (which finds the
same and writes nothing). The measuring runs in one transaction that is rolled back, so the
figures can be repeated on the same data. A database already filled for a size is reused unless
--fresh is given.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward .venv/bin/python benchmarks/run.py
    ... benchmarks/run.py --placements 100000 --day 2026-11-23 --fresh
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PLACEMENTS_PER_CHILD = 9  # what generate_synthetic makes with 10 years of history
DEFAULT_SIZES = [100_000, 1_000_000]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, action="append", help="repeatable")
    parser.add_argument("--day", help="the day to check, YYYY-MM-DD (default: today)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data even if present")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.day)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    for size in args.placements or DEFAULT_SIZES:
        bench_one(url, size, fresh=args.fresh, day=args.day)


def _database_url(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _manage(env, *command, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def bench_one(url, size, *, fresh, day):
    import psycopg2

    name = f"homeward_bench_{size}"
    env = {**os.environ, "DATABASE_URL": _database_url(url, name), "LOG_LEVEL": "WARNING"}
    admin = psycopg2.connect(_database_url(url, "postgres"))
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

    print(f"\n=== About {size:,} placements (database {name}) ===", flush=True)
    _manage(env, "migrate", "--no-input", "-v0")
    if not exists:
        started = time.monotonic()
        children = max(1, round(size / PLACEMENTS_PER_CHILD))
        _manage(env, "generate_synthetic", "--children", str(children))
        print(f"Data generated in {time.monotonic() - started:,.0f} s", flush=True)
        # As autovacuum would have by the next morning: planner statistics and visibility map.
        _manage(env, "dbshell", "--", "-c", "VACUUM ANALYZE")
    command = [sys.executable, str(Path(__file__)), "--measure"]
    if day:
        command += ["--day", day]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def measure(day_text):
    """Run in a child process against the size's database: time every check, twice."""
    import datetime

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from core.dates import today
    from placements.models import Placement
    from timescales import services
    from timescales.models import Alert
    from timescales.registry import CHECKS

    day = datetime.date.fromisoformat(day_text) if day_text else today()
    placements = Placement.objects.count()
    open_now = Placement.objects.active_on(day).count()
    print(f"{placements:,} placements, {open_now:,} open on {day:%d/%m/%Y}")

    queries = []

    def count(execute, sql, params, many, context):
        if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL")):
            queries.append(sql)  # the check's own queries, not transaction housekeeping
        return execute(sql, params, many, context)

    header = (
        f"{'check':<30} {'found':>8} {'1st run s':>10} {'queries':>8} "
        f"{'re-run s':>10} {'queries':>8}"
    )
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0]
    with transaction.atomic():
        # A first run: nothing is open yet, so every condition found opens an alert.
        Alert.objects.filter(resolved_on__isnull=True).update(
            resolved_on=day - datetime.timedelta(1)
        )
        for rule, check in sorted(CHECKS.items()):
            cells = []
            for run in range(2):
                queries.clear()
                started = time.perf_counter()
                with connection.execute_wrapper(count):
                    result = services.run_check(check, day)
                seconds = time.perf_counter() - started
                totals[run] += seconds
                cells.append((seconds, len(queries), result["found"]))
            (first_s, first_q, found), (second_s, second_q, _) = cells
            print(
                f"{rule:<30} {found:>8,} {first_s:>10.2f} {first_q:>8} "
                f"{second_s:>10.2f} {second_q:>8}",
                flush=True,
            )
        transaction.set_rollback(True)  # leave the data as it was, to measure again
    print("-" * len(header))
    print(f"{'all checks':<30} {'':>8} {totals[0]:>10.2f} {'':>8} {totals[1]:>10.2f}")


if __name__ == "__main__":
    main()
