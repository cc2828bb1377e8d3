"""Every page on its own (benchmarks/load.py): one signed-in person at a time asks for each page
in turn, round after round, and each page's p50 and p95 are compared with the floor's, the
cheapest signed-in page, measured the same way in the same rounds. Run by load.py against its
gunicorn; reads its plan.

A page that does not answer 200 (a redirect to sign in, a refusal) is reported, not timed.

`queries` also asks for each page inside Django (load.py's `--step queries`), to say how many
database queries it makes and how long PostgreSQL took over them: what is left of a page's time
is Python (the ORM building queries and objects, the templates, the middleware).
"""

import statistics
import time
import urllib.error
import urllib.request
from urllib.parse import quote_plus

WARM_UP = 2
# 60, not 20: the p95 of 20 is the second slowest, and one hiccup moved the floor's from 6 to
# 9 ms between runs of the same code (and every ratio to it by a third).
TIMES = 60
QUERY_TIMES = 5


# (page, role, path, what {id} is): the path may use {id} (the first record of that kind the
# person works on), {day} and {search} (for a social worker the first letters of a child's name
# on their caseload; for an administrator the register's commonest surname).
PAGES = [
    ("floor: change password form", "social_worker", "/accounts/password_change/", None),
    ("my work: social worker", "social_worker", "/", None),
    ("my work: home manager", "home_manager", "/", None),
    ("my work: administrator", "administrator", "/", None),
    ("my work: board member", "board_member", "/", None),
    ("child record", "social_worker", "/children/{id}/", "children"),
    ("child search", "social_worker", "/children/search/?q={search}", None),
    ("placement", "social_worker", "/placements/{id}/", "placements"),
    ("placement form", "social_worker", "/placements/new/", None),
    ("placement form search", "social_worker", "/placements/choices/child/?child_q={search}", None),
    ("child search: whole register", "administrator", "/children/search/?q={search}", None),
    ("placement form search: whole register", "administrator", "/placements/choices/child/?child_q={search}", None),
    ("move form", "social_worker", "/placements/{id}/move/", "placements"),
    ("extension request form", "social_worker", "/placements/{id}/extension/", "home_placements"),
    ("extension requests", "administrator", "/placements/extensions/", None),
    ("social worker allocation", "administrator", "/children/{id}/social-worker/", "children"),
    ("household form", "administrator", "/carers/new/", None),
    ("vacancy search", "social_worker", "/homes/vacancies/?start={day}", None),
    ("occupancy: home manager", "home_manager", "/homes/occupancy/", None),
    ("occupancy: administrator", "administrator", "/homes/occupancy/", None),
    ("home page", "home_manager", "/homes/{id}/", "homes"),
    ("carers list", "administrator", "/carers/", None),
    ("carer household", "administrator", "/carers/{id}/", "carers"),
    ("care leavers list", "personal_adviser", "/care-leavers/", None),
    ("care leaver", "personal_adviser", "/care-leavers/{id}/", "care_leavers"),
    ("notifications", "social_worker", "/notifications/", None),
    ("Regulation 44 visits", "independent_visitor", "/visits/", None),
    ("Regulation 44 visits: administrator", "administrator", "/visits/", None),
    ("Regulation 44 visit", "independent_visitor", "/visits/{id}/", "visits"),
    ("Regulation 44 actions", "home_manager", "/visits/actions/", None),
    ("audit log", "administrator", "/audit/", None),
    ("a child's audit history", "administrator", "/audit/children/{id}/", "children"),
    ("board reports", "board_member", "/reports/", None),
    ("board dashboard", "board_member", "/reports/dashboard/", None),
]  # fmt: skip


def address(plan, role, path, kind):
    """The path for the first person of `role` who has a record of `kind`; None if nobody."""
    for person in plan["people"].get(role) or []:
        records = plan["carers"] if kind == "carers" else person.get(kind) if kind else [None]
        if records:
            search = quote_plus(person.get("search", "a"))
            values = {"id": records[0], "day": plan["day"], "search": search}
            return person, path.format(**values)
    return None, None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(host, path, session) -> tuple[int, float]:
    request = urllib.request.Request(host + path, headers={"Cookie": f"sessionid={session}"})
    started = time.perf_counter()
    try:
        with _OPENER.open(request, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def _p95(times):
    ordered = sorted(times)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(host, plan) -> list[dict]:
    """Each page's p50 and p95 in ms, or why it was not timed. The pages are asked for in turn,
    round after round, so that a spell when the machine is slower (it is shared) slows every
    page and the floor alike, and the ratios to the floor compare like with like."""
    problems, asked = {}, []
    for name, role, path, kind in PAGES:
        person, url = address(plan, role, path, kind)
        if person is None:
            problems[name] = f"no {role.replace('_', ' ')} with one"
        else:
            asked.append((name, url, person["session"]))
    times = {name: [] for name, _, _ in asked}
    for n in range(WARM_UP + TIMES):
        for name, url, session in asked:
            if name in problems:
                continue
            status, ms = _get(host, url, session)
            if status != 200:
                problems[name] = f"answered {status}"
            elif n >= WARM_UP:
                times[name].append(ms)
    return [
        {"page": name, "problem": problems[name]}
        if name in problems
        else {"page": name, "p50": statistics.median(times[name]), "p95": _p95(times[name])}
        for name, *_ in PAGES
    ]


def queries(plan) -> dict:
    """{page: (queries, SQL ms)} for each page, asked for inside Django (set up by the caller)
    by the same person as `measure`: the median of QUERY_TIMES requests after a warm-up. A page
    that does not answer 200 is left out, as `measure` leaves it untimed."""
    from django.db import connection
    from django.test import Client

    found = {}
    for name, role, path, kind in PAGES:
        person, url = address(plan, role, path, kind)
        if person is None:
            continue
        client = Client()
        client.cookies["sessionid"] = person["session"]
        if client.get(url).status_code != 200:
            continue
        counts, sql_ms = [], []
        for _ in range(QUERY_TIMES):
            timed = []
            with connection.execute_wrapper(_timing(timed)):
                client.get(url)
            counts.append(len(timed))
            sql_ms.append(sum(timed))
        found[name] = (statistics.median(counts), statistics.median(sql_ms))
    return found


def _timing(timed):
    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append((time.perf_counter() - started) * 1000)

    return wrapper


def table(results, floor_p95, counted) -> str:
    lines = [
        "| page | p50 ms | p95 ms | p95 / floor | queries | SQL ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        count, sql_ms = counted.get(r["page"], ("–", None))
        sql = "–" if sql_ms is None else f"{sql_ms:.1f}"
        if "problem" in r:
            lines.append(f"| {r['page']} | – | – | not timed: {r['problem']} | {count} | {sql} |")
        else:
            lines.append(
                f"| {r['page']} | {r['p50']:,.0f} | {r['p95']:,.0f} | {r['p95'] / floor_p95:.1f} "
                f"| {count} | {sql} |"
            )
    return "\n".join(lines)
