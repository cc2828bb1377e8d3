"""Adding a child from the browser: who may, the rules and messages (all at once), the audit
trail, and that adding and changing share one form."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from children import services
from children.forms import ChildDetailsForm
from children.models import Child, SocialWorkerEpisode
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
NEW = reverse("children:new")


@pytest.fixture(autouse=True)
def _fixed_day():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield


def answers(**changes):
    data = {
        "local_id": "lc000777",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "date_of_birth_0": "10",
        "date_of_birth_1": "12",
        "date_of_birth_2": "2012",
        "sex": "F",
        "ethnicity": "WBRI",
        "upn": "",
        "home_postcode": "ls6 1aa",
        "category_of_need": "N1",
        "status": "looked_after",
    }
    data.update(changes)
    return data


def test_social_worker_adds_a_child_and_becomes_their_social_worker(client, social_worker):
    client.force_login(social_worker)

    response = client.post(NEW, answers(), follow=True)

    child = Child.objects.get()
    assert response.redirect_chain[-1][0] == reverse("children:detail", args=[child.pk])
    assert "Ada Lovelace was added." in response.content.decode()
    assert (child.local_id, child.home_postcode, child.social_worker) == (
        "LC000777",
        "LS6 1AA",
        social_worker,
    )
    assert child.date_of_birth == datetime.date(2012, 12, 10) and child.version == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="children.child")
    assert (event.user, event.object_id) == (social_worker, str(child.pk))
    assert event.changes["first_name"] == [None, "Ada"]
    assert event.changes["social_worker"] == [None, social_worker.get_full_name()]
    # The allocation opens the first social worker episode (903 SWEpisodes), audited as theirs.
    episode = SocialWorkerEpisode.objects.get(child=child)
    assert (episode.social_worker, episode.start_date, episode.end_date, episode.reason) == (
        social_worker,
        TODAY,
        None,
        "FCONTA",
    )
    opened = AuditEvent.objects.get(object_type="children.socialworkerepisode")
    assert (opened.action, opened.user) == (AuditEvent.Action.CREATE, social_worker)


def test_administrator_adds_a_child_waiting_for_a_social_worker(client, administrator):
    client.force_login(administrator)
    assert client.post(NEW, answers()).status_code == 302
    assert Child.objects.get().social_worker is None


def test_every_missing_answer_is_named_at_once(client, social_worker):
    client.force_login(social_worker)

    response = client.post(NEW, {})

    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    for message in (
        "Enter the local identifier",
        "Enter the first name",
        "Enter the last name",
        "Enter the date of birth",
        "Choose the child’s sex",
        "Choose the child’s status",
    ):
        assert message in page, message
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"date_of_birth_0": "2", "date_of_birth_1": "6", "date_of_birth_2": "2026"},
            "date_of_birth",
            "Date of birth must be today or in the past.",
        ),
        ({"home_postcode": "LS99 9ZZ"}, "home_postcode", "LS99 9ZZ is not in the postcode"),
        ({"home_postcode": "ZZZ"}, "home_postcode", "Enter a real postcode, like LS1 1AA"),
        ({"local_id": "LC-1"}, "local_id", "letters and numbers only"),
        ({"local_id": "LC000100"}, "local_id", "is already recorded"),
        ({"first_name": "  "}, "first_name", "Enter the first name"),
    ],
)
def test_a_broken_rule_is_explained_on_its_field_and_nothing_is_saved(
    client, social_worker, changes, field, message
):
    ChildFactory(local_id="LC000100")
    client.force_login(social_worker)

    response = client.post(NEW, answers(**changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert Child.objects.count() == 1
    assert not AuditEvent.objects.filter(object_type="children.child", user__isnull=False).exists()


def test_the_service_keeps_the_rules_whoever_calls_it(social_worker, home_manager):
    data = {
        "local_id": "LC1",
        "first_name": "Bo",
        "last_name": "Lee",
        "date_of_birth": TODAY + datetime.timedelta(days=1),
        "sex": "M",
        "status": "looked_after",
        "home_postcode": "LS99 9ZZ",
    }
    with pytest.raises(PermissionDenied):
        services.create_child(data, by=home_manager)
    with pytest.raises(ValidationError) as refused:
        services.create_child(data, by=social_worker)
    assert set(refused.value.message_dict) == {"date_of_birth", "home_postcode"}
    assert not Child.objects.exists()


def test_adding_and_changing_use_the_same_form(client, social_worker):
    child = ChildFactory(social_worker=social_worker)
    client.force_login(social_worker)
    adding = client.get(NEW).context["form"]
    changing = client.get(reverse("children:edit", args=[child.pk])).context["form"]
    assert type(adding) is type(changing) is ChildDetailsForm
    assert "local_id" in adding.fields and "version" not in adding.fields
    assert "local_id" not in changing.fields and "version" in changing.fields


def test_find_a_child_offers_to_add_one_to_those_who_may(client, social_worker, home_manager):
    client.force_login(social_worker)
    assert NEW in client.get(reverse("children:search"), {"q": "nobody"}).content.decode()
    client.force_login(home_manager)
    assert NEW not in client.get(reverse("children:search")).content.decode()


def test_the_form_page_runs_a_fixed_number_of_queries(
    client, social_worker, django_assert_max_num_queries
):
    client.force_login(social_worker)
    with django_assert_max_num_queries(8) as small:
        client.get(NEW)
    for _ in range(20):
        ChildFactory(social_worker=social_worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(NEW)
