"""Browser tests: pytest-playwright driving Debian's Chromium, with axe-core for accessibility.

Playwright's own browser download cannot run here, so the tests launch /usr/bin/chromium
(`apt-get install chromium`). Without it, every test in this folder is skipped.
"""

import os
from pathlib import Path

import pytest

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

    def check(page):
        if page.evaluate("typeof window.axe === 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe found {len(blocking)} serious or critical accessibility violation(s) on "
            f"{page.url}:\n{format_violations(blocking)}"
        )
        return result

    return check
