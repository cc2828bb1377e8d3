"""Allocating a child's social worker, and the history of allocations (903 SWEpisodes) kept
automatically on every write path: the allocation page, the model, the admin."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from children import social_workers
from children.models import SocialWorkerEpisode
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


def history(child):
    return [
        (e.social_worker.username, e.start_date, e.end_date, e.reason)
        for e in SocialWorkerEpisode.objects.filter(child=child).order_by("start_date", "id")
    ]


@pytest.fixture
def workers(db):
    return [UserFactory(username=f"sw{n}", role=Role.SOCIAL_WORKER) for n in range(3)]


def test_any_write_path_keeps_the_episodes(workers):
    first, second, _ = workers
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10), tick=False):
        child = ChildFactory(social_worker=first)  # e.g. a new child's record, or an import
    child.social_worker = second
    child.save()  # e.g. the admin: the reason is not known
    assert history(child) == [
        ("sw0", D(2026, 3, 2), D(2026, 6, 1), "FCONTA"),
        ("sw1", D(2026, 6, 1), None, "OTHERS"),
    ]
    child.first_name = "Renamed"
    child.save()
    assert len(history(child)) == 2


def test_allocation_history_from_the_first_social_worker(administrator, workers):
    first, second, _ = workers
    child = ChildFactory(social_worker=None)
    social_workers.allocate(child, social_worker=first, on=D(2025, 9, 1), reason="FCONTA",
                            by=administrator)  # fmt: skip
    social_workers.allocate(child, social_worker=second, on=D(2026, 2, 10), reason="ORGRST",
                            by=administrator)  # fmt: skip
    social_workers.allocate(child, social_worker=None, on=D(2026, 5, 1), reason="MANAGE",
                            by=administrator)  # fmt: skip
    assert history(child) == [
        ("sw0", D(2025, 9, 1), D(2026, 2, 10), "FCONTA"),
        ("sw1", D(2026, 2, 10), D(2026, 5, 1), "ORGRST"),
    ]
    assert AuditEvent.objects.filter(object_type="children.socialworkerepisode").count() == 4
    assert history(child)[0][0] == "sw0" and child.social_worker is None


def test_a_second_change_the_same_day_corrects_the_episode(administrator, workers):
    first, second, third = workers
    child = ChildFactory(social_worker=None)
    social_workers.allocate(child, social_worker=first, on=D(2026, 5, 1), reason="FCONTA",
                            by=administrator)  # fmt: skip
    social_workers.allocate(child, social_worker=second, on=D(2026, 5, 20), reason="ABSENC",
                            by=administrator)  # fmt: skip
    social_workers.allocate(child, social_worker=third, on=D(2026, 5, 20), reason="ABSENC",
                            by=administrator)  # fmt: skip
    assert history(child) == [
        ("sw0", D(2026, 5, 1), D(2026, 5, 20), "FCONTA"),
        ("sw2", D(2026, 5, 20), None, "ABSENC"),
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (dict(social_worker="sw0"), "social_worker", "is already"),
        (dict(social_worker="board"), "social_worker", "not an active social worker"),
        (dict(on=D(2026, 7, 1)), "on", "today or in the past"),
        (dict(on=D(2026, 1, 1)), "on", "on or after 01/03/2026"),
        (dict(reason="FCONTA"), "reason", "has had a social worker before"),
    ],
)
def test_refusals_say_why(administrator, workers, change, field, message):
    UserFactory(username="board", role=Role.BOARD_MEMBER)
    child = ChildFactory(social_worker=None)
    social_workers.allocate(child, social_worker=workers[0], on=D(2026, 3, 1), reason="FCONTA",
                            by=administrator)  # fmt: skip
    answers = {"social_worker": "sw1", "on": D(2026, 5, 1), "reason": "MANAGE", **change}
    answers["social_worker"] = UserFactory._meta.model.objects.get(
        username=answers["social_worker"]
    )
    with pytest.raises(ValidationError) as error:
        social_workers.allocate(child, by=administrator, **answers)
    assert message in " ".join(error.value.message_dict[field])
    assert len(history(child)) == 1


def test_the_page_allocates_and_the_record_shows_the_history(client, administrator, workers):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10), tick=False):
        child = ChildFactory(social_worker=workers[0])
    client.force_login(administrator)
    url = reverse("children:allocate", args=[child.pk])
    assert url in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    response = client.post(url, {"social_worker": workers[1].pk, "on": "2026-06-01",
                                 "reason": "TSPROC", "version": child.version})  # fmt: skip
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.social_worker == workers[1]
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "moved to another team as the case progressed" in page


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"on": "2026-06-01", "reason": "MANAGE"}, "social_worker", "no social worker to take off"),
        ({"social_worker": "999", "on": "2026-06-01", "reason": "MANAGE"}, "social_worker",
         "from the list"),
        ({"social_worker": "sw", "reason": "MANAGE"}, "on", "Enter the allocated from"),
        ({"social_worker": "sw", "on": "2026-06-01"}, "reason", "Choose why"),
    ],
)  # fmt: skip
def test_the_page_explains_bad_answers(client, administrator, workers, answers, field, message):
    child = ChildFactory(social_worker=None)
    if answers.get("social_worker") == "sw":
        answers["social_worker"] = workers[0].pk
    client.force_login(administrator)
    response = client.post(
        reverse("children:allocate", args=[child.pk]), {**answers, "version": child.version}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not SocialWorkerEpisode.objects.filter(child=child).exists()


def test_sw_id_is_the_registration_number_or_xx(workers):
    workers[0].swe_registration = "SW123456"
    assert workers[0].sw_id == "SW123456"
    assert workers[1].sw_id == f"XX{workers[1].pk:06d}"
