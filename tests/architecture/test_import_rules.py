"""The layout docs/architecture.md describes, kept true: each app imports only the apps below
it, no two modules import each other (directly or round a longer circle), no module outside
migrations is over 500 lines, and every test folder is named after what it tests.

Imports are read from the source with `ast`, including imports inside functions."""

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top: an app may import the apps in its own layer's left or in the layers below.
LAYERS = [
    ["core"],
    ["accounts"],
    ["audit"],
    ["homes", "children"],
    ["carers"],
    ["placements"],
    ["careleavers"],
    ["notifications"],
    ["timescales"],
    ["inspections"],
    ["ssda903"],
    ["reporting"],
    ["governance"],
    ["demo", "benchmarks", "config"],
]
# Arrows that still point up, each a known debt (docs/architecture.md, "Known exceptions").
# Never add one for homes or children to placements: the ledger depends on them.
UPWARD = {
    ("accounts", "children"),  # who may see which child: a social worker's caseload
    ("accounts", "homes"),  # ... and a manager's homes
    ("accounts", "placements"),  # ... and the children living there; My work reads the ledger
    ("carers", "placements"),  # a household's places against the children placed with it
}
APPS = [app for layer in LAYERS for app in layer]
# Test folders for what cuts across the apps.
CROSS_CUTTING_TESTS = {"access", "admin", "architecture", "browser", "forms"}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, modules) -> set[str]:
    """The project modules `name` imports (a package's submodule when one is named)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in modules:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


@functools.cache
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_apps_import_only_the_apps_below_them():
    layer_of = {app: i for i, layer in enumerate(LAYERS) for app in layer}
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if (app := module.split(".")[0]) != (other := target.split(".")[0])
        and (layer_of[other], LAYERS[layer_of[other]].index(other))
        >= (layer_of[app], LAYERS[layer_of[app]].index(app))
        and (app, other) not in UPWARD
    )
    assert wrong == []


def test_homes_and_children_never_import_the_ledger():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module.split(".")[0] in ("homes", "children")
        for target in targets
        if target.split(".")[0] == "placements"
    )
    assert wrong == []


def test_no_circular_import_between_modules():
    graph = _graph()
    circles, done = [], set()

    def visit(module, path):
        if module in path:
            circles.append(" -> ".join(path[path.index(module) :] + [module]))
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert circles == []


def test_no_module_over_500_lines_outside_migrations():
    paths = [
        path for path in ROOT.glob("*/**/*.py") if path.parts[len(ROOT.parts)] in APPS + ["tests"]
    ]
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in paths
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_every_test_folder_is_named_after_a_feature():
    folders = {path.name for path in (ROOT / "tests").iterdir() if (path / "__init__.py").exists()}
    assert folders - set(APPS) - CROSS_CUTTING_TESTS == set()
