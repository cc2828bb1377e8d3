"""Every page timed on its own, then 50 people using Homeward at once, against gunicorn on
loopback (`make bench`).

It uses the size's PostgreSQL database (<name>_bench_<children>, beside the one in
DATABASE_URL, made and filled the first time: benchmarks/databases.py), signs in people of each
role (sessions made directly, with the second factor, so no password hashing in the run),
starts gunicorn (2 sync workers unless --workers, 127.0.0.1 only, DEBUG off), then:

1. times every page on its own (benchmarks/pages.py), in turn: p50 and p95 of 60 requests each, and
   the ratio to the floor, the cheapest signed-in page, timed the same way; then, with gunicorn
   stopped, asks for each page inside Django to count its queries and their time in PostgreSQL;
2. runs locust twice, headless and bounded in time: first the floor (every user on the
   change-password form, the same middleware), then the mix of benchmarks/locustfile.py, and
   prints req/s, p50/p95/p99 and errors per page and as ratios to the floor;
3. checks the ledger: no overlapping placements and no home, unit or household over capacity
   after the concurrent bookings (tests/demo/rule_checks.py).

With --write, both tables go into that markdown file between <!-- pages N --> and
<!-- load N --> markers, with the machine and the load average.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward .venv/bin/python \\
        benchmarks/load.py --children 1500 [--users 50 --seconds 60 --write docs/performance.md]
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pages
from databases import ROOT, VAR, load_average, machine, prepared, write_block

BOOKING = "Load test booking"  # the purpose benchmarks/locustfile.py books with


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--floor-seconds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8714)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers")
    parser.add_argument("--database", help="default: <DATABASE_URL's name>_bench_<children>")
    parser.add_argument("--write", help="markdown file whose tables for this size to replace")
    parser.add_argument("--step", choices=["plan", "queries", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return _django_step(args.step)
    database = prepared(args.children, name=args.database)
    env = {**database["env"], "DEBUG": "false"}
    VAR.mkdir(parents=True, exist_ok=True)
    plan_file = VAR / f"plan-{args.children}.json"
    step = [sys.executable, __file__, "--step"]
    subprocess.run([*step, "plan"], env={**env, "LOAD_PLAN": str(plan_file)}, check=True)
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--access-logfile", "-", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        host = f"http://127.0.0.1:{args.port}"
        _wait_for(host)
        before = load_average()
        timed = pages.measure(host, plan)
        during_pages = load_average()
        floor = _locust(env, plan_file, host, "Floor", args.users, args.floor_seconds, "floor")
        mix = _locust(env, plan_file, host, "SocialWorker HomeManager Administrator", args.users,
                      args.seconds, "mix")  # fmt: skip
        after = load_average()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    counted_file = VAR / f"queries-{args.children}.json"
    subprocess.run(
        [*step, "queries"],
        env={**env, "LOAD_PLAN": str(plan_file), "COUNTED": str(counted_file)},
        check=True,
    )
    counted = json.loads(counted_file.read_text(encoding="utf-8"))
    where = machine(env)
    floor_p95 = next(r["p95"] for r in timed if r["page"].startswith("floor") and "p95" in r)
    page_table = "\n".join([
        f"{args.children:,} children; one request at a time, the pages in turn, {pages.TIMES} "
        f"rounds after {pages.WARM_UP} to warm up; {where}; load average {before} before, "
        f"{during_pages} after",
        "",
        pages.table(timed, floor_p95, counted),
    ])  # fmt: skip
    load_table = _report(args, floor, mix, before=during_pages, after=after, where=where)
    print(page_table, "", load_table, sep="\n")
    checked = subprocess.run([*step, "check"], env=env)
    if args.write:
        write_block(Path(args.write), f"pages {args.children}", page_table)
        write_block(Path(args.write), f"load {args.children}", load_table)
    return checked.returncode


def _wait_for(host):
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{host}/accounts/login/", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not start")


def _locust(env, plan, host, classes, users, seconds, label):
    prefix = VAR / label
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"),
         "--headless", "--users", str(users), "--spawn-rate", str(users), "--run-time",
         f"{seconds}s", "--stop-timeout", "10", "--host", host, "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING", *classes.split()],
        cwd=ROOT, env={**env, "LOAD_PLAN": str(plan)}, check=False,
        timeout=seconds + 120, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", encoding="utf-8") as rows:
        return {row["Name"]: row for row in csv.DictReader(rows)}


def _report(args, floor, mix, *, before, after, where):
    base = floor["Aggregated"]
    base_rps, base_p95 = float(base["Requests/s"]), float(base["95%"])
    lines = [
        f"{args.users} users, {args.seconds} s (floor {args.floor_seconds} s), "
        f"{args.workers} gunicorn workers, "
        f"{args.children:,} children; {where}; load average {before} before, {after} after",
        "",
        "| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors | p95 / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [("floor: change password form", base)] + sorted(
        (name, row) for name, row in mix.items() if name != "Aggregated"
    )
    rows.append(("**whole mix**", mix["Aggregated"]))
    for name, row in rows:
        p95 = float(row["95%"])
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {float(row['Requests/s']):.1f} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {row['Failure Count']} | "
            f"{p95 / base_p95:.1f} |"
        )
    whole = float(mix["Aggregated"]["Requests/s"])
    lines += ["", f"Throughput of the mix: {whole:.1f} req/s = {whole / base_rps:.0%} of the "
              f"floor's {base_rps:.1f} req/s."]  # fmt: skip
    return "\n".join(lines)


def _django_step(step):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if step == "plan":
        from load_plan import write_plan

        write_plan(Path(os.environ["LOAD_PLAN"]))
        return 0
    if step == "queries":
        plan = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
        Path(os.environ["COUNTED"]).write_text(json.dumps(pages.queries(plan)), encoding="utf-8")
        return 0
    from placements.models import Placement
    from tests.demo.rule_checks import rule_breaches

    booked = Placement.objects.filter(purpose=BOOKING).count()
    print(f"Placements booked by load tests so far: {booked}")
    breaches = {rule: found[:5] for rule, found in rule_breaches().items() if found}
    print("Rules after the run:", breaches or "all hold")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
