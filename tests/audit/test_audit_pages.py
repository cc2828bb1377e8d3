import datetime

import pytest
from django.urls import reverse

from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from tests.downloads import as_records, downloaded
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

    # the three above, and the creates: the people, both children, the social worker episode
    assert len(found()) == AuditEvent.objects.count() == 9
    # a username no generated name can contain ("sw" matched a manager called Oswald)
    social_worker.first_name, social_worker.last_name = "Sam", "Okafor"
    social_worker.username = "sam.okafor"
    social_worker.save()  # in the trail too, done by nobody signed in
    assert found(who="okafor") == found(who="Sam Okafor") == [("view", str(child.pk))]
    assert found(who=social_worker.username) == [("view", str(child.pk))]
    assert found(who="Okafor Nobody") == []
    assert found(action="update", object_type="children.child") == [("update", str(child.pk))]
    assert found(label="Untracked", action="view") == [("view", str(other.pk))]
    assert len(found(object_type="children.child")) == 5
    day = today().strftime("%d/%m/%Y")
    assert len(found(date_from=day, date_to=day)) == AuditEvent.objects.count()
    tomorrow = (today() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert found(date_from=tomorrow) == []


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"date_from": "31/02/2026"}, "Enter a real date"),
        ({"date_from": "yesterday"}, "Enter a real date"),
        ({"date_from": "10/03/2026", "date_to": "01/03/2026"}, "same as or after"),
        ({"who": "x" * 101}, "Who must be 100 characters or fewer"),
        ({"action": "erase"}, "Choose what they did from the list"),
        ({"label": "x" * 500}, "The record must be 100 characters or fewer"),
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
    assert {e.object_type for e in events} == {
        "children.child",
        "placements.placement",
        "children.socialworkerepisode",  # the allocation the child was created with
    }
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
    with django_assert_max_num_queries(13) as small:  # one: the menu's extensions to decide
        client.get(url)
    for _ in range(60):
        audit.record("view", child, user=administrator)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    assert AuditEvent.objects.count() > 60


def test_the_trail_downloads_as_its_filters_find_it_and_the_download_is_recorded(
    client, administrator, home_manager, trail
):
    client.force_login(administrator)
    for fmt in ("csv", "xlsx"):
        url = reverse("audit:export", args=[fmt])
        records = as_records(downloaded(client.get(url, {"who": home_manager.username})))
        assert [(r["Who"], r["What"]) for r in records] == [
            (str(home_manager), "Viewed"),  # newest first, as the page
            (str(home_manager), "Changed"),
        ]
        assert "Tracked" in records[1]["Changes"] and "Old" in records[1]["Changes"]
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, user=administrator)
    assert exported.count() == 2
    assert exported.first().object_label.startswith("Audit trail: 2 rows as")
    assert f"Who: {home_manager.username}" in exported.first().object_label  # the filter


def test_a_wrong_filter_downloads_no_rows(client, administrator, trail):
    client.force_login(administrator)
    response = client.get(reverse("audit:export", args=["csv"]), {"date_from": "yesterday"})
    assert downloaded(response) == [
        ["When", "Who", "What", "Record", "Kind of record", "Changes", "From"]
    ]
