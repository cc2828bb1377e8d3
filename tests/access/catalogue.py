"""Every URL in the URLconf and every rule of the permission table, for the tests that walk them
all (tests/access/test_url_permissions.py, tests/forms/test_fuzz_posts.py)."""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import tests.access as access_pkg

from .rules import Rule

# Framework URLs with their own tests or protections.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_NAMES = {
    "healthz",  # public by design: tests/core/test_health.py
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def all_rules() -> list[Rule]:
    rules = []
    for module in pkgutil.iter_modules(access_pkg.__path__):
        if module.name.startswith("rules_"):
            rules += importlib.import_module(f"tests.access.{module.name}").RULES
    return rules


def url_names(patterns=None, namespace=""):
    """Every named URL, with its namespace ("children:detail")."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"
