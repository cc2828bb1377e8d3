"""OC3: in touch, activity and accommodation (with suitability) kept as a history, so the
values on a care leaver's 17th to 21st birthdays can be read later."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from careleavers import in_touch, services
from careleavers.models import CareLeaver, KeepingInTouch
from core import codes
from tests.factories import CareLeaverFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = (D(2025, 4, 1), D(2026, 3, 31))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


@pytest.fixture
def leaver(social_worker):
    leaver = CareLeaverFactory(child__date_of_birth=D(2006, 9, 10))  # 19 on 10/09/2025
    leaver.child.social_worker = social_worker
    leaver.child.save()
    return leaver


def test_accommodation_codes_are_the_dfe_list():
    values = set(codes.CareLeaverAccommodation.values)
    assert {"S1", "X1"}.isdisjoint(values) and {"S2", "X2", "Z1", "0"} <= values
    assert len(values) == 31


def test_the_value_on_the_birthday_is_read_later(leaver, social_worker):
    for day, touch, activity, accommodation in [
        (D(2025, 6, 1), "YES", "F2", "D1"),
        (D(2025, 9, 1), "YES", "G5", "U2"),
        (D(2026, 1, 5), "NO", "0", "0"),
    ]:
        in_touch.record_in_touch(leaver, as_at=day, in_touch=touch, activity=activity,
                                 accommodation=accommodation, by=social_worker)  # fmt: skip
    rows = in_touch.on_birthdays(CareLeaver.objects.all(), *YEAR)
    assert rows == [{"child_id": leaver.child_id, "birthday": D(2025, 9, 10), "IN_TOUCH": "YES",
                     "ACTIV": "G5", "ACCOM": "U2"}]  # fmt: skip
    leaver.refresh_from_db()
    assert (leaver.in_touch, leaver.activity) == (False, "0")  # today's news on the record


def test_a_record_soon_after_the_birthday_counts(leaver, social_worker):
    in_touch.record_in_touch(leaver, as_at=D(2025, 10, 1), in_touch="REFU", activity="0",
                             accommodation="0", by=social_worker)  # fmt: skip
    assert in_touch.on_birthdays(CareLeaver.objects.all(), *YEAR)[0]["IN_TOUCH"] == "REFU"


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (dict(in_touch="YES", activity="0", accommodation="D1"), "activity", "say what they"),
        (dict(in_touch="YES", activity="F2", accommodation="0"), "accommodation", "say where"),
        (dict(in_touch="DIED", activity="F2", accommodation="0"), "activity", "not known"),
        (dict(in_touch="RHOM", activity="0", accommodation="B1"), "accommodation", "not known"),
        (dict(in_touch="NO", activity="0", accommodation="0", as_at=D(2026, 7, 1)), "as_at",
         "today or in the past"),
    ],
)  # fmt: skip
def test_refusals_say_why(leaver, social_worker, answers, field, message):
    answers.setdefault("as_at", D(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        in_touch.record_in_touch(leaver, by=social_worker, **answers)
    assert message in " ".join(error.value.message_dict[field])
    assert not KeepingInTouch.objects.exists()


def test_changing_the_record_keeps_the_history(leaver, social_worker):
    services.update_care_leaver(leaver, by=social_worker, expected_version=leaver.version,
                                accommodation="S", accommodation_suitable=False, activity="G5",
                                in_touch=True)  # fmt: skip
    record = KeepingInTouch.objects.get()
    assert (record.as_at, record.in_touch, record.accommodation) == (D(2026, 6, 1), "YES", "S2")


def test_no_fixed_abode_is_never_suitable(leaver, social_worker):
    with pytest.raises(ValidationError, match="never suitable accommodation"):
        services.update_care_leaver(leaver, by=social_worker, expected_version=leaver.version,
                                    accommodation="X", accommodation_suitable=True)  # fmt: skip


def test_the_page_records_keeping_in_touch(client, social_worker, leaver):
    client.force_login(social_worker)
    url = reverse("careleavers:in_touch_new", args=[leaver.pk])
    detail = client.get(reverse("careleavers:detail", args=[leaver.pk])).content.decode()
    assert url in detail
    bad = client.post(url, {"as_at": "2025-09-10", "in_touch": "YES", "activity": "F2",
                            "accommodation": "S1"})  # fmt: skip
    assert "from the list" in bad.context["form"].errors["accommodation"][0]
    response = client.post(url, {"as_at": "2025-09-10", "in_touch": "YES", "activity": "F2",
                                 "accommodation": "E1"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("careleavers:detail", args=[leaver.pk])).content.decode()
    assert "Supported lodgings: suitable" in page
