"""Browser tests: pytest-playwright driving Debian's Chromium, with axe-core for accessibility.

Playwright's own browser download cannot run here, so the tests launch /usr/bin/chromium
(`apt-get install chromium`). Without it, every test in this folder is skipped.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API keeps an event loop running in the test thread; without this Django
# refuses database access from it (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests as browser tests, and skip them all when Chromium is missing."""
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def _connections_closed_before_playwright():
    connections.close_all()


@pytest.fixture(scope="session")
def playwright(_connections_closed_before_playwright, playwright):
    """Playwright's sync API marks an asyncio loop as running in this thread from its start to
    its stop, and Django then keeps database connections per async context instead of per
    thread: a connection left open on either side of that switch is out of reach, and
    pytest-django cannot drop the test database at the end. So none is left open across it."""
    yield playwright
    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Every page a browser test opens works under the Content-Security-Policy: the test fails
    if Chromium refused anything the page asked for. A test that provokes a refusal on purpose
    takes this list and empties it."""
    refused = []
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.on(
            "console",
            lambda message: (
                refused.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
    yield refused
    assert not refused, "Refused by the Content-Security-Policy:\n" + "\n".join(refused)


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make assets` (npm ci) first.")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source):
    """`axe(page)` runs axe-core on the page and fails on any serious or critical violation.

    axe is injected with page.evaluate (through DevTools), so a Content-Security-Policy on the
    page cannot block it.
    """

    def check(page, *, every=False):
        """`every=True` (the key pages): no violation at all, best practice included (such as
        all content inside landmarks), not only the serious and critical ones."""
        if page.evaluate("typeof window.axe === 'undefined'"):
            page.evaluate(axe_source)
        tags = AXE_TAGS + ["best-practice"] if every else AXE_TAGS
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
        )
        blocking = [v for v in result["violations"] if every or v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe found {len(blocking)} accessibility violation(s) on "
            f"{page.url}:\n{format_violations(blocking)}"
        )
        return result

    return check
