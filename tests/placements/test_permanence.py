"""Previous permanence on a new period of care, and decisions to place for adoption with the
adopters once adopted: the rules, the pages on the child's record and the admin."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from placements import permanence
from placements.models import AdoptionDecision, PreviousPermanence
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


@pytest.fixture
def child(social_worker):
    child = ChildFactory(social_worker=social_worker, date_of_birth=D(2019, 2, 1))
    home = HomeFactory()
    PlacementFactory(child=child, home=home, start_date=D(2024, 1, 5), end_date=D(2024, 6, 1))
    PlacementFactory(child=child, home=home, start_date=D(2025, 3, 1), end_date=D(2025, 9, 1))
    PlacementFactory(child=child, home=home, start_date=D(2025, 9, 1))
    return child


def test_the_period_of_care_begins_at_the_first_unbroken_stay(child):
    assert permanence.period_start(child) == D(2025, 3, 1)
    assert permanence.period_start(child, D(2024, 3, 1)) == D(2024, 1, 5)


def test_previous_permanence_is_kept_per_period(child, social_worker):
    record = permanence.record_previous_permanence(
        child=child, order="P2", order_council="383", order_date=D(2024, 7, 1), by=social_worker
    )
    assert (record.care_started_on, record.get_order_display()) == (
        D(2025, 3, 1),
        "Special guardianship order",
    )
    again = permanence.record_previous_permanence(child=child, order="P4", by=social_worker)
    assert again.pk == record.pk and PreviousPermanence.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (dict(order="Z1", order_council="383"), "order", "leave the council and date blank"),
        (dict(order="P1", order_council="ABC"), "order_council", "DfE code"),
        (dict(order="P1", order_date=D(2025, 4, 1)), "order_date", "before this period"),
    ],
)
def test_previous_permanence_refusals(child, social_worker, answers, field, message):
    with pytest.raises(ValidationError) as error:
        permanence.record_previous_permanence(child=child, by=social_worker, **answers)
    assert message in " ".join(error.value.message_dict[field])


def decision(child, **fields):
    return AdoptionDecision(child=child, decided_on=D(2025, 10, 1), **fields)


def test_an_adoption_decision_and_its_adopters(child, social_worker):
    saved = permanence.save_adoption_decision(decision(child), by=social_worker)
    saved.ceased_on, saved.ceased_reason = D(2026, 5, 1), "E11"
    with pytest.raises(ValidationError) as error:
        permanence.save_adoption_decision(saved, by=social_worker)
    assert "needs the date matched with adopters" in error.value.message_dict["matched_on"][0]
    saved.matched_on, saved.by_foster_carer, saved.adopters = D(2026, 1, 10), False, 2
    saved.adopters_sex, saved.adopters_legal_status = "FF", "L12"
    assert permanence.save_adoption_decision(saved, by=social_worker).adopted


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (dict(decided_on=D(2024, 10, 1)), "decided_on", "was not looked after"),
        (dict(matched_on=D(2025, 9, 1)), "matched_on", "on or after the decision"),
        (dict(ceased_on=D(2026, 1, 1)), "ceased_reason", "both the date"),
        (dict(adopters=1, adopters_sex="MF"), "adopters_sex", "number of adopters"),
        (dict(adopters=2, adopters_sex="MF", adopters_legal_status="L4"),
         "adopters_legal_status", "does not match"),
    ],
)  # fmt: skip
def test_adoption_refusals(child, social_worker, fields, field, message):
    record = decision(child)
    for name, value in fields.items():
        setattr(record, name, value)
    with pytest.raises(ValidationError) as error:
        permanence.save_adoption_decision(record, by=social_worker)
    assert message in " ".join(error.value.message_dict[field])


def test_one_open_decision_at_a_time(child, social_worker):
    permanence.save_adoption_decision(decision(child), by=social_worker)
    with pytest.raises(ValidationError, match="still open"):
        permanence.save_adoption_decision(decision(child), by=social_worker)


def test_the_pages_on_the_childs_record(client, social_worker, child):
    client.force_login(social_worker)
    record_page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert reverse("ledger:adoption_new", args=[child.pk]) in record_page
    url = reverse("ledger:previous_permanence", args=[child.pk])
    assert "began on 1 March 2025" in client.get(url).content.decode()
    assert client.post(url, {"order": "P3", "order_council": "wal"}).status_code == 302
    assert PreviousPermanence.objects.get().order_council == "WAL"
    new = reverse("ledger:adoption_new", args=[child.pk])
    bad = client.post(new, {"decided_on": "2025-10-01", "matched_on": "2025-09-01"})
    assert "on or after the decision" in bad.context["form"].errors["matched_on"][0]
    assert client.post(new, {"decided_on": "2025-10-01"}).status_code == 302
    saved = AdoptionDecision.objects.get()
    edit = reverse("ledger:adoption_edit", args=[child.pk, saved.pk])
    response = client.post(edit, {"decided_on": "2025-10-01", "ceased_on": "2026-02-01",
                                  "ceased_reason": "RD2"})  # fmt: skip
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.ceased_reason == "RD2"


def test_the_admin_keeps_the_adoption_rules(client, child):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:placements_adoptiondecision_add")
    refused = client.post(url, {"child": child.pk, "decided_on": "2024-10-01"})
    assert "was not looked after" in str(refused.context["adminform"].form.errors)
    assert client.post(url, {"child": child.pk, "decided_on": "2025-10-01"}).status_code == 302


def test_previous_permanence_for_an_earlier_period_of_care(child, social_worker):
    earlier = permanence.record_previous_permanence(
        child=child, order="Z1", care_started_on=D(2024, 1, 5), by=social_worker
    )
    assert earlier.care_started_on == D(2024, 1, 5)
    with pytest.raises(ValidationError, match="no period of care beginning then"):
        permanence.record_previous_permanence(
            child=child, order="Z1", care_started_on=D(2025, 9, 1), by=social_worker
        )
