"""Benchmark the SSDA903 return on a synthetic council on PostgreSQL: the export (time, queries,
rows), the XML check, the DfE rules, and the daily validation job (rolled back).

With --children N it fills a database of its own beside the one in DATABASE_URL
(homeward_bench903_<N>, kept for the next run unless --fresh); without, it measures the database
in DATABASE_URL as it is.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward .venv/bin/python benchmarks/ssda903_bench.py --children 1500
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import ROOT, _database_url, _manage, ensure_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, help="fill a database of this many children")
    parser.add_argument("--year", type=int, default=2026, help="collection year (default 2026)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data even if present")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.year)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    if args.children:
        name = f"homeward_bench903_{args.children}"
        env["DATABASE_URL"] = _database_url(url, name)
        exists = ensure_database(url, name, fresh=args.fresh)
        _manage(env, "migrate", "--no-input", "-v0")
        if not exists:
            _manage(env, "generate_synthetic", "--children", str(args.children))
            _manage(env, "dbshell", "--", "-c", "VACUUM ANALYZE")
    command = [sys.executable, str(Path(__file__)), "--measure", "--year", str(args.year)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def measure(year_number):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    from ssda903 import csv_writer, export, services, validator, xml_writer
    from ssda903.models import ValidationRun
    from ssda903.tables import CollectionYear

    year = CollectionYear(year_number)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def timed(label, function):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            result = function()
        print(
            f"{label:<44} {time.perf_counter() - started:>8.2f} s {len(queries):>6} queries",
            flush=True,
        )
        return result

    print(f"SSDA903 {year.label}, council {settings.COUNCIL_LA_CODE}")
    tables = timed("export: read the tables from the ledger", lambda: export.build(year))
    print("  rows: " + ", ".join(f"{t} {len(r):,}" for t, r in tables.items() if r))
    files = timed("export: write the CSV files", lambda: csv_writer.tables_csv(tables))
    timed("validator: import (first use)", lambda: validator.read_csvs({}))
    xml = timed("export: build the XML", lambda: xml_writer.build_xml(tables))
    timed(
        "export: the validator reads XML and CSV alike?",
        lambda: xml_writer.differences(tables, validator.read_xml(xml), validator.read_csvs(files)),
    )
    previous = timed(
        "validate: last year's tables",
        lambda: csv_writer.tables_csv(export.build(year.previous)),
    )
    outcome = timed(
        "validate: the DfE rules",
        lambda: validator.run_rules(files, year.year, settings.COUNCIL_LA_CODE, previous),
    )
    print(
        f"  {len(outcome.errors):,} errors, {outcome.rules_run} rules ran, crashed {outcome.crashed}"
    )
    with transaction.atomic():
        run = timed(
            "daily job: the year so far, checked and stored",
            lambda: services.validate_return_so_far(ValidationRun.Trigger.COMMAND),
        )
        print(f"  {run.error_count:,} errors stored for {run.children_with_errors:,} children")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
