"""The data-quality page's children with errors: paged like every list, and downloaded as CSV
or XLSX (the rule chosen kept), audited, in the same queries however many errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from ssda903.models import ReturnError
from tests.downloads import both_downloads, every_page
from tests.factories import ChildFactory

from .test_pages import PAGE, _run

pytestmark = pytest.mark.django_db


def _errors(n, rule="218"):
    """`n` children, the first with the most errors: (rule, message, child) for each error."""
    children = [ChildFactory(first_name="Child", last_name=f"{i:02d}") for i in range(n)]
    return [(rule, "Ofsted URN is required.", c) for c in children] + [
        ("442", "UPN not completed.", children[0])
    ]


def test_the_children_page_by_page_and_download_in_the_pages_order(client, administrator):
    run = _run(_errors(27))
    ReturnError.objects.create(
        run=run, rule="442", message="UPN", table="Header", row=99, child_ref="=X9"
    )
    client.force_login(administrator)
    shown = every_page(client, PAGE)
    assert len(shown) == 28 and shown[0]["errors"] == 2  # more than a page, most errors first
    for records in both_downloads(client, "ssda903:children_export"):
        assert [r["Identifier in the return"] for r in records] == [
            "'=X9" if row["child_ref"] == "=X9" else row["child_ref"] for row in shown
        ]  # a formula is written as text
        assert records[0]["Child"] == "Child 00" and records[0]["Errors"] == "2"
        assert "Not a child in Homeward" in {r["Child"] for r in records}


def test_one_rules_children_download_and_the_audit_says_which(client, administrator):
    _run(_errors(3))
    client.force_login(administrator)
    page = client.get(PAGE, {"rule": "442"}).content.decode()
    assert f"{reverse('ssda903:children_export', args=['csv'])}?rule=442" in page
    for records in both_downloads(client, "ssda903:children_export", {"rule": "442"}):
        assert [(r["Child"], r["Errors"]) for r in records] == [("Child 00", "1")]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.user == administrator and event.object_type == "ssda903.returnerror"
    assert event.object_label.endswith("1 row as XLSX (Checked on: 06/12/2026; Rule: 442)")


def test_before_any_check_the_download_goes_back_to_the_page(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("ssda903:children_export", args=["csv"]))
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_runs_the_same_queries_for_more_errors(client, administrator, fmt):
    client.force_login(administrator)
    counts = []
    for n in (2, 60):
        _run(_errors(n))
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(reverse("ssda903:children_export", args=[fmt])).streaming_content)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
