"""A child's key worker (No Wrong Door): who may allocate one, the history kept of who held it,
the audit trail, stale saves, and the Django admin keeping the same history."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from children import services
from children.models import KeyWorkerAllocation
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY_ONE, DAY_TWO = datetime.date(2026, 3, 2), datetime.date(2026, 6, 1)


def on(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.fixture
def adviser(db):
    return UserFactory(username="pa", role=Role.PERSONAL_ADVISER, first_name="Pat")


@pytest.fixture
def child(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Mia")


def url(child):
    return reverse("children:key_worker", args=[child.pk])


def test_social_worker_allocates_a_key_worker_with_history_and_audit(
    client, social_worker, adviser, child
):
    client.force_login(social_worker)
    with on(DAY_ONE):
        response = client.post(url(child), {"key_worker": adviser.pk, "version": child.version})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.key_worker == adviser
    period = KeyWorkerAllocation.objects.get(child=child)
    assert (period.person, period.started_on, period.ended_on) == (adviser, DAY_ONE, None)
    assert period.allocated_by == social_worker
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_type="children.child")
    assert event.changes == {"key_worker": [None, str(adviser)]}


def test_a_new_key_worker_ends_the_last_one_and_the_record_shows_both(
    client, administrator, social_worker, adviser
):
    earlier = UserFactory(username="kw", role=Role.SOCIAL_WORKER, first_name="Kim")
    child = ChildFactory(social_worker=social_worker, key_worker=earlier)  # before any history
    with on(DAY_ONE):
        child = services.allocate_key_worker(
            child, adviser, expected_version=child.version, by=administrator
        )
    with on(DAY_TWO):
        services.allocate_key_worker(
            child, social_worker, expected_version=child.version, by=administrator
        )
        client.force_login(administrator)
        page = client.get(reverse("children:detail", args=[child.pk])).content.decode()

    periods = list(
        KeyWorkerAllocation.objects.filter(child=child).values_list(
            "person__username", "started_on", "ended_on"
        )
    )
    assert periods == [
        ("sw", DAY_TWO, None),
        ("pa", DAY_ONE, DAY_TWO),
        ("kw", None, DAY_ONE),  # allocated before Homeward kept the history
    ]
    assert "Key workers over time" in page
    assert "from 2 March 2026 to 1 June 2026" in page and "until 2 March 2026" in page


def test_only_social_workers_and_personal_advisers_can_be_key_workers(
    client, social_worker, home_manager, child
):
    client.force_login(social_worker)
    response = client.post(url(child), {"key_worker": home_manager.pk, "version": child.version})
    assert "Choose a key worker from the list" in response.content.decode()
    with pytest.raises(ValidationError, match="social worker or personal adviser"):
        services.allocate_key_worker(
            child, home_manager, expected_version=child.version, by=social_worker
        )
    child.refresh_from_db()
    assert child.key_worker is None and not KeyWorkerAllocation.objects.exists()


def test_a_stale_save_is_refused_with_both_versions(client, social_worker, adviser, child):
    opened_at = child.version
    services.allocate_key_worker(child, social_worker, expected_version=opened_at, by=social_worker)
    client.force_login(social_worker)

    response = client.post(url(child), {"key_worker": adviser.pk, "version": opened_at})

    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this record" in page
    child.refresh_from_db()
    assert child.key_worker == social_worker


def test_only_the_allocated_social_worker_or_an_administrator_may_allocate(
    client, social_worker, adviser
):
    # The social worker key-works this child, so may see them, but is not their social worker.
    child = ChildFactory(key_worker=social_worker)
    client.force_login(social_worker)
    assert client.get(url(child)).status_code == 403
    assert (
        'href="' + url(child)
        not in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.allocate_key_worker(child, adviser, expected_version=child.version, by=adviser)


def test_saving_the_same_key_worker_writes_nothing(client, social_worker, child):
    client.force_login(social_worker)
    client.post(url(child), {"key_worker": "", "version": child.version})
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()
    assert not KeyWorkerAllocation.objects.exists()


def test_the_admin_keeps_the_history_too(client, administrator, social_worker, adviser, child):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    change = reverse("admin:children_child_change", args=[child.pk])
    form = client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("date_of_birth",)
    }
    data.update(
        {
            "date_of_birth": child.date_of_birth.isoformat(),
            "key_worker": adviser.pk,
            "social_worker": social_worker.pk,
            "legal_statuses-TOTAL_FORMS": "0",
            "legal_statuses-INITIAL_FORMS": "0",
            "social_worker_episodes-TOTAL_FORMS": "0",
            "social_worker_episodes-INITIAL_FORMS": "0",
        }
    )
    with on(DAY_ONE):
        response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    period = KeyWorkerAllocation.objects.get(child=child)
    assert (period.person, period.started_on) == (adviser, DAY_ONE)


def test_the_key_worker_page_runs_a_fixed_number_of_queries(
    client, social_worker, child, django_assert_max_num_queries
):
    client.force_login(social_worker)
    with django_assert_max_num_queries(10) as small:
        client.get(url(child))
    for n in range(15):
        worker = UserFactory(username=f"kw{n}", role=Role.SOCIAL_WORKER)
        KeyWorkerAllocation.objects.create(child=child, person=worker, started_on=DAY_ONE)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(child))
