"""Missing and away from placement without authorisation: recorded from the child's record and
the home's page, one open at a time, shown on the occupancy board and My work, and read for
the DfE Missing table."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from children.models import Child
from placements import missing
from placements.models import MissingEpisode
from tests.factories import ChildFactory, HomeFactory, PlacementFactory

pytestmark = pytest.mark.django_db
UK = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=UK)


def at(day, hour=0, minute=0):
    return datetime.datetime(2026, 5, day, hour, minute, tzinfo=UK)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def home(home_manager):
    home = HomeFactory(name="Oak House")
    home.managers.add(home_manager)
    return home


@pytest.fixture
def child(social_worker, home):
    child = ChildFactory(social_worker=social_worker, first_name="Kai")
    PlacementFactory(child=child, home=home, start_date=datetime.date(2026, 1, 5))
    return child


def test_a_child_goes_missing_and_comes_back(child, social_worker):
    episode = missing.record_missing(child=child, kind="M", started_at=at(3, 21, 30),
                                     by=social_worker)  # fmt: skip
    assert episode.is_open and episode.placement.home.name == "Oak House"
    missing.record_return(episode, ended_at=at(4, 2, 15), note="Found at a friend's.",
                          by=social_worker)  # fmt: skip
    episode.refresh_from_db()
    assert not episode.is_open and episode.note == "Found at a friend's."
    actions = set(AuditEvent.objects.filter(object_type="placements.missingepisode")
                  .values_list("action", flat=True))  # fmt: skip
    assert actions == {"create", "update"}


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (at(3), at(2), "ended_at", "after they went"),
        (datetime.datetime(2026, 7, 1, tzinfo=UK), None, "started_at", "now or in the past"),
        (datetime.datetime(2025, 12, 1, tzinfo=UK), None, "started_at", "was not in a placement"),
    ],
)
def test_refusals_say_why(child, social_worker, start, end, field, message):
    with pytest.raises(ValidationError) as error:
        missing.record_missing(child=child, kind="A", started_at=start, ended_at=end,
                               by=social_worker)  # fmt: skip
    assert message in " ".join(error.value.message_dict[field])
    assert not MissingEpisode.objects.exists()


def test_one_missing_episode_at_a_time(child, social_worker):
    missing.record_missing(child=child, kind="M", started_at=at(3, 21), by=social_worker)
    with pytest.raises(ValidationError, match="record when they came back first"):
        missing.record_missing(child=child, kind="A", started_at=at(10), by=social_worker)
    first = MissingEpisode.objects.get()
    missing.record_return(first, ended_at=at(5), by=social_worker)
    with pytest.raises(ValidationError, match="already recorded as missing"):
        missing.record_missing(child=child, kind="A", started_at=at(4), by=social_worker)
    assert missing.record_missing(child=child, kind="A", started_at=at(6), by=social_worker)
    with pytest.raises(ValidationError, match="already ended"):
        missing.record_return(first, ended_at=at(7), by=social_worker)


def test_the_missing_table_reads_uk_dates_for_the_year(child, social_worker):
    episode = missing.record_missing(child=child, kind="M", started_at=at(3, 23, 30),
                                     ended_at=at(4, 0, 30), by=social_worker)  # fmt: skip
    assert episode.started_at.astimezone(datetime.UTC).day == 3  # 22:30 UTC in summer time
    rows = missing.missing_rows(
        Child.objects.all(), datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
    )
    assert rows == [
        {"child_id": child.pk, "MISSING": "M", "MIS_START": datetime.date(2026, 5, 3),
         "MIS_END": datetime.date(2026, 5, 4)}
    ]  # fmt: skip
    assert (
        missing.missing_rows(
            Child.objects.all(), datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)
        )
        == []
    )


def test_manager_records_from_the_homes_page_and_back(client, home_manager, home, child):
    client.force_login(home_manager)
    page = client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    new = reverse("ledger:missing_new", args=[child.pk])
    assert f"{new}?home={home.pk}" in page
    response = client.post(f"{new}?home={home.pk}", {"kind": "A", "started_at": "2026-05-30",
                                                     "started_time": "19:45"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse(
        "homes:detail", args=[home.pk]
    )
    episode = MissingEpisode.objects.get()
    assert episode.started_at == datetime.datetime(2026, 5, 30, 19, 45, tzinfo=UK)
    page = client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    assert "Away from placement without authorisation" in page and "Record return" in page
    board = client.get(reverse("homes:occupancy")).content.decode()
    assert "1 missing or away now" in board
    my_work = client.get(reverse("accounts:my_work")).content.decode()
    assert "Missing or away now" in my_work and "Kai" in my_work
    back = reverse("ledger:missing_return", args=[episode.pk])
    response = client.post(back, {"ended_at": "2026-05-31"})
    assert response.status_code == 302
    assert not MissingEpisode.objects.open().exists()
    assert "missing or away now" not in client.get(reverse("homes:occupancy")).content.decode()


def test_social_worker_sees_a_missing_child_on_my_work_and_the_record(client, social_worker, child):
    missing.record_missing(child=child, kind="M", started_at=at(31, 22), by=social_worker)
    client.force_login(social_worker)
    assert "Missing since 31 May 22:00" in client.get(reverse("accounts:my_work")).content.decode()
    record = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Not back yet" in record and "Record the return" in record


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"started_at": "2026-05-30"}, "kind", "Choose missing or away"),
        ({"kind": "M"}, "started_at", "Enter the date they went missing"),
        ({"kind": "M", "started_at": "2026-05-30", "started_time": "25:00"}, "started_time",
         "like 21:30"),
        ({"kind": "M", "started_at_0": "31", "started_at_1": "2", "started_at_2": "2026"},
         "started_at", "real date"),
        ({"kind": "M", "started_at": "2026-05-30", "ended_at": "2026-05-29"}, "ended_at",
         "after they went"),
    ],
)  # fmt: skip
def test_the_form_explains_bad_answers(client, social_worker, child, answers, field, message):
    client.force_login(social_worker)
    response = client.post(reverse("ledger:missing_new", args=[child.pk]), answers)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not MissingEpisode.objects.exists()
