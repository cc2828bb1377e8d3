"""The admin keeps the 903 rules too: placements elsewhere and their types, and a change of
legal status without a move, through the same rules as the web forms."""

import datetime

import pytest
from django.urls import reverse

from children.models import LegalStatusRecord
from placements import services
from placements.models import Placement
from tests.admin.test_admin_keeps_the_rules import _placement_form
from tests.factories import ChildFactory, HomeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _elsewhere(child, **extra):
    data = _placement_form(child, HomeFactory(), "2026-02-01", **extra)
    return {
        **data,
        "home": "",
        "provider_name": "St James's Hospital",
        "placement_postcode": "LS9 7TF",
    }


def test_admin_records_a_placement_elsewhere_under_the_rules(admin_client):
    child = ChildFactory()
    url = reverse("admin:placements_placement_add")
    refused = admin_client.post(url, _elsewhere(child, placement_type="R2", provider="PR1"))
    assert refused.status_code == 200
    assert "cannot be “Council's own provision”" in " ".join(
        refused.context["adminform"].form.errors["provider"]
    )
    assert not Placement.objects.exists()
    saved = admin_client.post(url, _elsewhere(child, placement_type="R2", provider="PR3"))
    assert saved.status_code == 302
    stay = Placement.objects.get()
    assert (stay.location, stay.urn, stay.reason_new_episode) == ("St James's Hospital", "", "S")


def test_admin_adds_a_change_of_legal_status_through_the_service(admin_client):
    root = UserFactory(username="root")
    child = ChildFactory()
    services.place_child(child=child, home=HomeFactory(), start_date=datetime.date(2026, 1, 5),
                         legal_status="C1", by=root)  # fmt: skip
    url = reverse("admin:children_legalstatusrecord_add")
    same = {"child": child.pk, "legal_status": "C1", "start_date": "2026-02-01"}
    refused = admin_client.post(url, same)
    assert "already under" in " ".join(refused.context["adminform"].form.errors["legal_status"])
    saved = admin_client.post(url, {**same, "legal_status": "C2"})
    assert saved.status_code == 302
    statuses = LegalStatusRecord.objects.filter(child=child).order_by("start_date")
    assert [(s.legal_status, s.end_date) for s in statuses] == [
        ("C1", datetime.date(2026, 2, 1)),
        ("C2", None),
    ]
    change = reverse("admin:children_legalstatusrecord_change", args=[statuses[1].pk])
    assert admin_client.post(change, {**same, "legal_status": "E1"}).status_code == 403


def test_admin_keeps_the_outcomes_and_participation_rules(admin_client):
    child = ChildFactory(date_of_birth=datetime.date(2012, 6, 1))
    services.place_child(child=child, home=HomeFactory(), start_date=datetime.date(2024, 1, 5),
                         legal_status="C2", by=UserFactory(username="root"))  # fmt: skip
    url = reverse("admin:timescales_lookedafteroutcomes_add")
    answers = {"child": child.pk, "year_ending": "2026-03-31", "sdq_score": "9",
               "immunisations": "true", "teeth_check": "true", "health_assessment": "true",
               "substance_misuse": "false"}  # fmt: skip
    refused = admin_client.post(url, answers)
    assert "convicted or given a final warning" in str(refused.context["adminform"].form.errors)
    assert admin_client.post(url, {**answers, "convicted": "false"}).status_code == 302
    review = reverse("admin:timescales_lookedafterreview_add")
    wrong = {"child": child.pk, "held_on": "2026-04-01", "participation": "PN0"}
    assert "PN0 is for a child under 4" in str(
        admin_client.post(review, wrong).context["adminform"].form.errors
    )
