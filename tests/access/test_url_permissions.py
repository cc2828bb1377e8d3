"""Every URL, every role: allowed roles get in, everyone else is refused, and a URL without a
rule fails the suite."""

from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import Role

from .catalogue import EXEMPT_NAMES, EXEMPT_NAMESPACES, all_rules, url_names
from .world import build_world

RULES = all_rules()


def test_every_named_url_has_a_permission_rule():
    covered = {rule.url_name for rule in RULES}
    missing = {
        name
        for name in url_names()
        if name.split(":")[0] not in EXEMPT_NAMESPACES
        and name not in EXEMPT_NAMES
        and name not in covered
    }
    assert not missing, f"URLs without a rule in tests/access/rules_*.py: {sorted(missing)}"


@pytest.fixture
def world(db):
    return build_world()


def _prepared(rule, world):
    """The request to make, resolved once (resolving may add records to the world)."""
    url = reverse(rule.url_name, args=rule.args(world))
    if rule.query:
        url = f"{url}?{urlencode(rule.query(world))}"
    data = rule.data(world) if rule.data else {}
    if rule.method == "post":
        return lambda client: client.post(url, data)
    return lambda client: client.get(url)


def _refusal(rule, role, response):
    """Why this response breaks the rule for this role, or None if it keeps it."""
    status = response.status_code
    if role in rule.allowed:
        if status not in (200, 302):
            return f"{role} refused: {status}"
        if status == 302 and "/accounts/login" in response["Location"]:
            return f"{role} sent to sign in"
    elif status not in (403, 404):
        return f"{role} let in: {status}"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("rule", RULES, ids=str)
def test_each_role_is_allowed_or_refused(client, world, rule):
    """One world per rule; each role's request is rolled back so the next starts clean."""
    request = _prepared(rule, world)
    problems = []
    for role in Role.values:
        with transaction.atomic():
            client.force_login(world.users[role])
            problem = _refusal(rule, role, request(client))
            if problem:
                problems.append(problem)
            client.logout()
            transaction.set_rollback(True)
    assert not problems, f"{rule}: {problems}"


@pytest.mark.django_db
@pytest.mark.parametrize("rule", [r for r in RULES if not r.public], ids=str)
def test_signed_out_visitor_is_sent_to_sign_in(client, world, rule):
    response = _prepared(rule, world)(client)
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
