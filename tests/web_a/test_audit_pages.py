import datetime

import pytest
from django.urls import reverse

from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from tests.factories import ChildFactory, PlacementFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("audit:search")


def history(child):
    return reverse("audit:child_history", args=[child.pk])


@pytest.fixture
def trail(social_worker, home_manager):
    child = ChildFactory(social_worker=social_worker, first_name="Tracked")
    other = ChildFactory(first_name="Untracked")
    audit.record("view", child, user=social_worker)
    audit.record("update", child, user=home_manager, changes={"first_name": ["Old", "Tracked"]})
    audit.record("view", other, user=home_manager)
    return child, other


def test_administrator_filters_by_user_action_record_and_dates(
    client, administrator, social_worker, trail
):
    child, other = trail
    client.force_login(administrator)

    def found(**filters):
        response = client.get(SEARCH, filters)
        assert response.status_code == 200
        return [(e.action, e.object_id) for e in response.context["page"].object_list]

    assert len(found()) == 3
    assert found(user=social_worker.pk) == [("view", str(child.pk))]
    assert found(action="update") == [("update", str(child.pk))]
    assert found(label="Untracked") == [("view", str(other.pk))]
    assert len(found(object_type="children.child")) == 3
    day = today().strftime("%d/%m/%Y")
    assert len(found(date_from=day, date_to=day)) == 3
    tomorrow = (today() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert found(date_from=tomorrow) == []


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"date_from": "31/02/2026"}, "Enter a real date"),
        ({"date_from": "yesterday"}, "Enter a real date"),
        ({"date_from": "10/03/2026", "date_to": "01/03/2026"}, "same as or after"),
        ({"user": "999999"}, "Select a valid choice"),
        ({"user": "abc"}, "Select a valid choice"),
        ({"action": "delete"}, "Select a valid choice"),
        ({"label": "x" * 500}, "at most 100 characters"),
    ],
)
def test_bad_filters_are_explained(client, administrator, trail, filters, message):
    client.force_login(administrator)
    response = client.get(SEARCH, filters)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_child_history_shows_changes_and_placements(client, administrator, trail):
    child, other = trail
    stay = PlacementFactory(child=child)
    audit.record("create", stay, user=administrator)
    client.force_login(administrator)

    response = client.get(history(child))

    events = list(response.context["page"].object_list)
    assert {e.object_type for e in events} == {"children.child", "placements.placement"}
    assert all(e.object_id != str(other.pk) or e.object_type != "children.child" for e in events)
    assert "Old → Tracked" in response.content.decode()


def test_social_worker_reads_own_childs_history_only(client, social_worker, trail):
    child, other = trail
    client.force_login(social_worker)
    assert client.get(history(child)).status_code == 200
    assert client.get(history(other)).status_code == 404


@pytest.mark.parametrize("page", ["search", "history"])
def test_audit_pages_query_count_is_fixed(
    client, administrator, trail, django_assert_max_num_queries, page
):
    child, _ = trail
    url = SEARCH if page == "search" else history(child)
    client.force_login(administrator)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for _ in range(60):
        audit.record("view", child, user=administrator)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    assert AuditEvent.objects.count() > 60
