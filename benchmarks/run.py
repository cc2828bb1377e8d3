"""The jobs at council and regional size on PostgreSQL (`make bench`): making the synthetic data,
the scheduled checks and the Corporate Parenting Board report.

For each size it uses a database beside the one in DATABASE_URL (<name>_bench_<children>),
made and filled with `manage.py generate_synthetic` the first time (timed) and reused after
(--fresh makes it again). It then runs every registered check twice for one day and prints,
per check, the time and number of queries of the first run (which opens the alerts and writes
the notifications) and of the second, a same-day re-run (which finds the same and writes
nothing), in one transaction that is rolled back so the figures repeat; and times
`manage.py board_report` for the last whole month (which works its figures out afresh). With
--write, the figures go into that markdown file between <!-- jobs N --> markers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward .venv/bin/python benchmarks/run.py
    ... benchmarks/run.py --children 100000 --day 2026-11-23 --fresh --write docs/performance.md
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from databases import ROOT, load_average, machine, manage, prepared, write_block

DEFAULT_SIZES = [1_500, 100_000]  # council and regional


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, action="append", help="repeatable")
    parser.add_argument("--day", help="the day to check, YYYY-MM-DD (default: today)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data even if present")
    parser.add_argument("--database", help="default: <DATABASE_URL's name>_bench_<children>")
    parser.add_argument("--write", help="markdown file whose jobs table for each size to replace")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.day)
    for size in args.children or DEFAULT_SIZES:
        bench_one(size, fresh=args.fresh, day=args.day, write=args.write, name=args.database)


def bench_one(children, *, fresh, day, write, name=None):
    print(f"\n=== {children:,} children ===", flush=True)
    before = load_average()
    database = prepared(children, fresh=fresh, name=name)
    env = database["env"]
    command = [sys.executable, str(Path(__file__)), "--measure"] + (["--day", day] if day else [])
    checks = subprocess.run(command, cwd=ROOT, env=env, check=True, text=True, capture_output=True)
    print(checks.stdout, flush=True)
    first, again = (float(n) for n in checks.stdout.split("TOTALS")[1].split())
    report = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(2):
            started = time.monotonic()
            manage(env, "board_report", "--period", _last_month(), "--out", f"{folder}/r.pdf",
                   capture=True)  # fmt: skip
            report.append(time.monotonic() - started)
    print(f"board_report: {', '.join(f'{s:.1f} s' for s in report)}", flush=True)
    if write:
        generated = database["generated"]
        made = (
            f"{generated['seconds']:.0f} s (on {generated['on']}, load average "
            f"{generated['load']:.1f} when it began)"
            if generated
            else "not measured (the database was made before the figures were kept)"
        )
        write_block(Path(write), f"jobs {children}", "\n".join([
            f"{children:,} children; {machine(env)}; load average {before} before, "
            f"{load_average()} after",
            "",
            "| job | time |",
            "| --- | ---: |",
            f"| `generate_synthetic --children {children}` | {made} |",
            f"| `run_checks`, a day's first run (every alert opened, people notified) | {first:.2f} s |",
            f"| `run_checks`, a same-day re-run (what a normal day costs) | {again:.2f} s |",
            f"| `board_report --period {_last_month()}` (the command's whole run, twice) | "
            f"{report[0]:.1f} s, {report[1]:.1f} s |",
        ]))  # fmt: skip


def _last_month():
    today = time.localtime()
    year, month = (today.tm_year, today.tm_mon - 1) if today.tm_mon > 1 else (today.tm_year - 1, 12)
    return f"{year}-{month:02d}"


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
    print(f"TOTALS {totals[0]:.3f} {totals[1]:.3f}")


if __name__ == "__main__":
    main()
