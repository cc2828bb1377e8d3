"""A child's 903 episodes read from the ledger: split on every change of legal status,
placement or carer, RNE worked out from what changed, and a change of legal status without a
move recorded on its own, from the child's record."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from carers.models import CarerType
from children.models import Child, LegalStatusRecord
from placements import legal_status, services
from placements.episodes import episodes
from placements.models import Placement
from tests.factories import CarerHouseholdFactory, ChildFactory, HomeFactory

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))


def d(month, day, year=2025):
    return datetime.date(year, month, day)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


def move(stay, on, by, **to):
    return services.move_child(stay, move_date=on, reason_placement_change="CARPL", by=by, **to)


def rows(child):
    found = episodes(Child.objects.filter(pk=child.pk), *YEAR)[child.pk]
    return [(e.DECOM, e.RNE, e.LS, e.PLACE, e.DEC, e.REC, e.REASON_PLACE_CHANGE) for e in found]


def test_a_year_in_care_in_episodes(social_worker):
    child = ChildFactory(home_postcode="LS9 6LA")
    home = HomeFactory(postcode="LS6 2AA", ofsted_urn="SC111111")
    carer = CarerHouseholdFactory(postcode="LS8 1AA", urn="SC222222")
    stay = services.place_child(child=child, home=home, start_date=d(5, 1), legal_status="L2",
                                by=social_worker)  # fmt: skip
    stay = move(stay, d(5, 10), social_worker, carer=carer, legal_status="C1")
    legal_status.change_legal_status(child=child, legal_status="C2", on=d(9, 1), by=social_worker)
    stay = move(stay, d(11, 2), social_worker, carer=carer, placement_type="U4")
    services.end_placement(stay, end_date=d(2, 1, 2026), outcome="returned_home",
                           reason_episode_ceased="E4A", by=social_worker)  # fmt: skip

    assert rows(child) == [
        (d(5, 1), "S", "L2", "K2", d(5, 10), "X1", "CARPL"),
        (d(5, 10), "B", "C1", "U6", d(9, 1), "X1", ""),
        (d(9, 1), "L", "C2", "U6", d(11, 2), "X1", "CARPL"),
        (d(11, 2), "T", "C2", "U4", d(2, 1, 2026), "E4A", ""),
    ]
    first = episodes(Child.objects.filter(pk=child.pk), *YEAR)[child.pk][0]
    assert (first.HOME_POST, first.PL_POST, first.URN, first.PLACE_PROVIDER, first.CIN) == (
        "LS9 6LA", "LS6 2AA", "SC111111", "PR1", "N1"
    )  # fmt: skip


def test_a_move_with_the_same_carer_and_new_legal_status_is_u(social_worker):
    child = ChildFactory()
    carer = CarerHouseholdFactory(carer_type=CarerType.KINSHIP)
    stay = services.place_child(child=child, carer=carer, start_date=d(4, 10),
                                legal_status="V2", by=social_worker)  # fmt: skip
    moved = move(stay, d(6, 1), social_worker, carer=carer, placement_type="U1", legal_status="C2")
    assert moved.reason_new_episode == "U"
    assert [r[1] for r in rows(child)] == ["S", "U"]


def test_a_move_to_another_bed_in_the_same_home_is_one_episode(social_worker):
    child = ChildFactory()
    home = HomeFactory()
    stay = services.place_child(child=child, home=home, start_date=d(4, 10), legal_status="C2",
                                by=social_worker)  # fmt: skip
    moved = move(stay, d(6, 1), social_worker, home=home)
    assert moved.reason_new_episode == ""
    assert rows(child) == [(d(4, 10), "S", "C2", "K2", None, "", "")]


def test_the_period_keeps_episodes_open_on_any_day_and_reports_later_ends_as_open(social_worker):
    child = ChildFactory()
    first = Placement.objects.create(child=child, home=HomeFactory(), start_date=d(1, 5),
                                     end_date=d(4, 1), legal_status="C2", placement_type="K2",
                                     provider="PR1", reason_episode_ceased="E4A")  # fmt: skip
    again = Placement.objects.create(child=child, home=first.home, start_date=d(3, 1, 2026),
                                     end_date=d(5, 1, 2026), legal_status="V2",
                                     placement_type="K2", provider="PR1",
                                     reason_episode_ceased="E4A")  # fmt: skip
    assert rows(child) == [
        (d(1, 5), "S", "C2", "K2", d(4, 1), "E4A", ""),
        (d(3, 1, 2026), "S", "V2", "K2", None, "", ""),
    ]
    assert again.pk == episodes(Child.objects.filter(pk=child.pk), *YEAR)[child.pk][1].placement_id


def test_short_breaks_have_no_placement_postcode_or_urn(social_worker):
    child = ChildFactory()
    Placement.objects.create(child=child, home=HomeFactory(ofsted_urn="SC1"), start_date=d(6, 1),
                             end_date=d(6, 3), legal_status="V3", placement_type="K2",
                             provider="PR1", placement_postcode="LS6 2AA", urn="SC333333",
                             reason_episode_ceased="E4A", is_short_break=True)  # fmt: skip
    row = episodes(Child.objects.filter(pk=child.pk), *YEAR)[child.pk][0]
    assert (row.LS, row.PL_POST, row.URN) == ("V3", "", "")


def test_episodes_take_three_queries_whatever_the_number_of_children(
    social_worker, django_assert_num_queries
):
    home = HomeFactory(beds=8)
    for n in range(6):
        child = ChildFactory()
        stay = services.place_child(child=child, home=home, start_date=d(4, 1 + n),
                                    legal_status="C1", by=social_worker)  # fmt: skip
        legal_status.change_legal_status(child=child, legal_status="C2", on=d(8, 1),
                                         by=social_worker)  # fmt: skip
        assert stay.pk
    with django_assert_num_queries(3):
        found = episodes(Child.objects.all(), *YEAR)
    assert sorted(len(v) for v in found.values()) == [2] * 6


# A change of legal status without a move: the service, then the page on the child's record.


@pytest.fixture
def placed(social_worker):
    child = ChildFactory(social_worker=social_worker)
    services.place_child(child=child, home=HomeFactory(), start_date=d(4, 10),
                         legal_status="C1", by=social_worker)  # fmt: skip
    return child


def test_legal_status_history_follows_the_stays_and_the_change(placed, social_worker):
    record = legal_status.change_legal_status(
        child=placed, legal_status="C2", on=d(7, 1), by=social_worker
    )
    history = list(LegalStatusRecord.objects.filter(child=placed).order_by("start_date"))
    assert [(h.legal_status, h.start_date, h.end_date) for h in history] == [
        ("C1", d(4, 10), d(7, 1)),
        ("C2", d(7, 1), None),
    ]
    assert AuditEvent.objects.filter(
        object_type="children.legalstatusrecord", object_id=str(record.pk), action="create"
    ).exists()
    stay = Placement.objects.get(child=placed)
    moved = move(stay, d(9, 1), social_worker, home=HomeFactory())
    assert moved.legal_status == "C2" and moved.reason_new_episode == "P"
    services.end_placement(moved, end_date=d(10, 1), outcome="returned_home",
                           reason_episode_ceased="E4A", by=social_worker)  # fmt: skip
    assert LegalStatusRecord.objects.get(legal_status="C2").end_date == d(10, 1)


@pytest.mark.parametrize(
    ("status", "on", "field", "message"),
    [
        ("C1", d(7, 1), "legal_status", "already under “Interim care order”"),
        ("C2", d(4, 10), "on", "after its first day"),
        ("C2", d(3, 1), "on", "after its first day"),
        ("C2", d(7, 1, 2026), "on", "today or in the past"),
    ],
)
def test_refused_changes_say_why(placed, social_worker, status, on, field, message):
    with pytest.raises(ValidationError) as error:
        legal_status.change_legal_status(child=placed, legal_status=status, on=on, by=social_worker)
    assert message in " ".join(error.value.message_dict[field])
    assert LegalStatusRecord.objects.filter(child=placed).count() == 1


def test_a_child_never_placed_has_no_legal_status_to_change(social_worker):
    with pytest.raises(ValidationError, match="has no placement"):
        legal_status.change_legal_status(
            child=ChildFactory(), legal_status="C2", on=d(7, 1), by=social_worker
        )


def test_changes_are_recorded_in_date_order(placed, social_worker):
    legal_status.change_legal_status(child=placed, legal_status="C2", on=d(8, 1), by=social_worker)
    with pytest.raises(ValidationError, match="record changes in date order"):
        legal_status.change_legal_status(
            child=placed, legal_status="E1", on=d(7, 1), by=social_worker
        )


def test_the_page_records_a_change_from_the_childs_record(client, social_worker, placed):
    url = reverse("ledger:legal_status_change", args=[placed.pk])
    client.force_login(social_worker)
    record_page = client.get(reverse("children:detail", args=[placed.pk])).content.decode()
    assert url in record_page
    assert "Interim care order" in client.get(url).content.decode()
    response = client.post(url, {"legal_status": "C2", "on_0": "1", "on_1": "7", "on_2": "2025"})
    assert response.status_code == 302
    assert LegalStatusRecord.objects.filter(child=placed, legal_status="C2").exists()


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"legal_status": "", "on": "2025-07-01"}, "legal_status", "Choose the new legal status"),
        ({"legal_status": "C2", "on_0": "31", "on_1": "2", "on_2": "2026"}, "on", "real date"),
        ({"legal_status": "ZZ", "on": "2025-07-01"}, "legal_status", "from the list"),
        ({"legal_status": "C2", "on": "2025-04-10"}, "on", "after its first day"),
    ],
)
def test_the_page_explains_bad_answers(client, social_worker, placed, answers, field, message):
    client.force_login(social_worker)
    response = client.post(reverse("ledger:legal_status_change", args=[placed.pk]), answers)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert LegalStatusRecord.objects.filter(child=placed).count() == 1
