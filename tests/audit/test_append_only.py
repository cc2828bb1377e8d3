"""The audit trail is append-only: nobody changes or deletes a row, from the web, the admin or
code; on PostgreSQL the database itself refuses."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit import services as audit
from audit.models import AppendOnly, AuditEvent
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(administrator):
    return audit.record(AuditEvent.Action.VIEW, ChildFactory(), user=administrator)


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_admin_shows_a_row_but_cannot_add_change_or_delete_it(superuser_client, event):
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = superuser_client.get(change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # read-only: no save button
    assert superuser_client.post(change, {"object_label": "forged"}).status_code == 403
    assert superuser_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    listing = superuser_client.post(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert listing.status_code in (200, 302)
    event.refresh_from_db()
    assert event.object_label != "forged" and AuditEvent.objects.filter(pk=event.pk).exists()


def test_code_cannot_change_or_delete_a_row(event):
    event.object_label = "forged"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(object_label="forged")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnly):  # the retention job blanks labels, nothing else
        AuditEvent.objects.filter(pk=event.pk).redact(user=None)
    assert AuditEvent.objects.get(pk=event.pk).object_label != "forged"


def test_no_web_page_changes_the_trail(client, administrator, event):
    client.force_login(administrator)
    for url in (reverse("audit:search"), reverse("audit:child_history", args=[event.object_id])):
        assert client.post(url, {"object_label": "forged"}).status_code == 405


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET object_label = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_update_and_delete(on_postgres, event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).object_label == event.object_label


def test_postgresql_lets_only_the_retention_job_blank_a_label(on_postgres, event):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL homeward.retention = 'on'")
        AuditEvent.objects.filter(pk=event.pk).redact(object_label="")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
        cursor.execute("SET LOCAL homeward.retention = 'off'")  # as governance.retention does
    assert AuditEvent.objects.get(pk=event.pk).object_label == ""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).redact(object_label="again")
