import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from children import services
from children.models import Child
from core.conflicts import EditConflict
from core.dates import today
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def edit_url(child):
    return reverse("children:edit", args=[child.pk])


def answers(child, **changes):
    """The edit form as posted, starting from the child's saved details."""
    born = child.date_of_birth
    data = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth_0": born.day,
        "date_of_birth_1": born.month,
        "date_of_birth_2": born.year,
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "upn": child.upn,
        "home_postcode": child.home_postcode,
        "category_of_need": child.category_of_need,
        "status": child.status,
        "version": child.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def child(social_worker):
    return ChildFactory(social_worker=social_worker, first_name="Mia", upn="")


def test_form_opens_with_the_saved_version(client, social_worker, child):
    client.force_login(social_worker)
    page = client.get(edit_url(child)).content.decode()
    assert 'name="version"' in page and f'value="{child.version}"' in page
    assert 'name="date_of_birth_0"' in page


def test_social_worker_saves_changes_with_an_audited_diff(client, social_worker, child):
    client.force_login(social_worker)

    response = client.post(
        edit_url(child), answers(child, first_name="Amelia", home_postcode="ls61aa")
    )

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.first_name, child.home_postcode, child.version) == ("Amelia", "LS6 1AA", 2)
    event = AuditEvent.objects.get(action="update", object_id=str(child.pk))
    assert event.user == social_worker
    assert event.changes["first_name"] == ["Mia", "Amelia"]
    assert event.changes["home_postcode"] == ["LS1 1AA", "LS6 1AA"]


def test_stale_save_is_refused_and_shows_both_versions(client, social_worker, administrator, child):
    opened_at = child.version
    client.force_login(administrator)
    client.post(edit_url(child), answers(child, last_name="Saved-First"))
    client.force_login(social_worker)

    response = client.post(
        edit_url(child), answers(child, last_name="Typed-Second", version=opened_at)
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this record" in page
    assert "Saved-First" in page and "Typed-Second" in page  # both versions, side by side
    assert f"Back to {child.first_name} Saved-First" in page  # the record's name, not the typed one
    child.refresh_from_db()
    assert child.last_name == "Saved-First" and child.version == opened_at + 1
    # The form is offered again on the record as saved now, so a checked resubmit succeeds.
    assert response.context["form"]["version"].value() == child.version
    assert client.post(edit_url(child), answers(child, last_name="Typed-Second")).status_code == 302


def test_service_refuses_a_stale_version_with_the_saved_record(social_worker, child):
    services.update_child(child, {"first_name": "New"}, child.version, by=social_worker)
    with pytest.raises(EditConflict) as refused:
        services.update_child(child, {"first_name": "Old"}, child.version, by=social_worker)
    assert refused.value.saved.first_name == "New"
    assert Child.objects.get(pk=child.pk).first_name == "New"


def test_saving_nothing_changed_writes_no_audit_change(client, social_worker, child):
    client.force_login(social_worker)
    client.post(edit_url(child), answers(child))
    assert not AuditEvent.objects.filter(action="update").exists()


FUTURE = today() + datetime.timedelta(days=400)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"date_of_birth_0": "31", "date_of_birth_1": "2"},
            "The date of birth must be a real date",
        ),
        ({"date_of_birth_0": "aa"}, "The date of birth must be a real date"),
        ({"date_of_birth_2": "99999"}, "The date of birth must be a real date"),
        (
            {"date_of_birth_1": "2147483648"},
            "The date of birth must be a real date",
        ),  # past C's int: was a 500
        (
            {
                "date_of_birth_0": FUTURE.day,
                "date_of_birth_1": FUTURE.month,
                "date_of_birth_2": FUTURE.year,
            },
            "must be today or in the past",
        ),
        ({"date_of_birth_2": "1900"}, "within the last 30 years"),
        ({"first_name": "x" * 5000}, "The first name must be 60 characters or fewer"),
        ({"first_name": ""}, "Enter the first name"),
        ({"upn": "NOT-A-UPN"}, "unique pupil number"),
        ({"home_postcode": "NOWHERE1"}, "real postcode"),
        ({"home_postcode": "NOWHERE 123"}, "The home postcode must be 8 characters or fewer"),
        ({"sex": "Q"}, "Choose the sex from the list"),
        ({"status": "999"}, "Choose the status from the list"),
        ({"version": "abc"}, "open the record again"),
        ({"version": ""}, "open the record again"),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, social_worker, child, changes, message):
    client.force_login(social_worker)
    before = Child.objects.values().get(pk=child.pk)

    response = client.post(edit_url(child), answers(child, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert Child.objects.values().get(pk=child.pk) == before
    assert not AuditEvent.objects.filter(action="update").exists()


def test_unknown_child_is_404(client, administrator):
    client.force_login(administrator)
    assert client.post(reverse("children:edit", args=[999999]), {}).status_code == 404


def test_edit_page_query_count_is_fixed(client, administrator, django_assert_max_num_queries):
    child = ChildFactory()
    client.force_login(administrator)
    with django_assert_max_num_queries(9) as small:  # one: the menu's extensions to decide
        client.get(edit_url(child))
    for _ in range(20):
        ChildFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(edit_url(child))
