"""The 903 header on a child's record: a real UPN (check letter), motherhood and UASC status,
kept by the model on every write path (edit form, service, admin)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from children import services
from children.models import Child
from core import upn
from tests.children.test_child_edit import answers, edit_url
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False):
        yield


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("A123456789012", True),  # check letter A: 368 = 16 x 23
        ("B123456789012", False),  # wrong check letter
        (upn.make("80120000100A"), True),  # temporary UPN, letter last
        ("UN3", True),
        ("UN6", False),
        ("I12345678901X", False),  # no I as the first letter
        ("A12345678901", False),  # 12 characters
    ],
)
def test_upn_check_letter_and_shape(number, valid):
    assert (upn.problem(number) is None) == valid


def test_edit_form_explains_a_wrong_check_letter(client, social_worker):
    child = ChildFactory(social_worker=social_worker, upn="")
    client.force_login(social_worker)
    response = client.post(edit_url(child), answers(child, upn="b123456789012"))
    assert response.status_code == 200
    assert "check letter should be A" in response.content.decode()
    assert Child.objects.get(pk=child.pk).upn == ""


def test_a_real_upn_belongs_to_one_child_but_un_codes_are_shared(social_worker):
    ChildFactory(upn="A123456789012")
    ChildFactory(upn="UN2")
    other = ChildFactory(upn="")
    with pytest.raises(ValidationError, match="Another child already has"):
        services.update_child(other, {"upn": "A123456789012"}, other.version, by=social_worker)
    assert (
        services.update_child(other, {"upn": "UN2"}, other.version, by=social_worker).upn == "UN2"
    )


def test_mother_and_her_childs_date_of_birth_are_saved_from_the_form(client, social_worker):
    child = ChildFactory(social_worker=social_worker, sex="F", upn="")
    client.force_login(social_worker)
    response = client.post(
        edit_url(child),
        answers(
            child,
            is_mother="on",
            child_born_on_0="3",
            child_born_on_1="2",
            child_born_on_2="2026",
        ),
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.is_mother and child.child_born_on == datetime.date(2026, 2, 3)
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "her child was born on 3 February 2026" in page


@pytest.mark.parametrize(
    ("sex", "changes", "field", "message"),
    [
        ("M", {"is_mother": True, "child_born_on": TODAY}, "is_mother", "Only a girl"),
        ("F", {"is_mother": True}, "child_born_on", "Enter her child's date of birth"),
        ("F", {"child_born_on": TODAY}, "is_mother", "Say she is a mother"),
        ("F", {"is_mother": True, "child_born_on": datetime.date(2027, 1, 1)}, "child_born_on",
         "today or in the past"),
        ("F", {"is_mother": True, "child_born_on": datetime.date(2000, 1, 1)}, "child_born_on",
         "after her own"),
        ("F", {"uasc_ceased_on": TODAY}, "uasc_ceased_on", "tick UASC"),
        ("F", {"is_uasc": True, "uasc_ceased_on": datetime.date(2031, 1, 1)}, "uasc_ceased_on",
         "today or in the past"),
    ],
)  # fmt: skip
def test_header_rules_are_kept_by_the_service(social_worker, sex, changes, field, message):
    child = ChildFactory(sex=sex, upn="")
    with pytest.raises(ValidationError) as refused:
        services.update_child(child, changes, child.version, by=social_worker)
    assert message in " ".join(refused.value.message_dict[field])


def test_uasc_status_ends_by_the_18th_birthday(social_worker):
    child = ChildFactory(date_of_birth=datetime.date(2008, 3, 1), upn="")
    with pytest.raises(ValidationError, match="18th birthday, 01/03/2026"):
        services.update_child(
            child,
            {"is_uasc": True, "uasc_ceased_on": datetime.date(2026, 4, 1)},
            child.version,
            by=social_worker,
        )
    saved = services.update_child(
        child,
        {"is_uasc": True, "uasc_ceased_on": datetime.date(2025, 9, 1)},
        child.version,
        by=social_worker,
    )
    assert saved.is_uasc and saved.uasc_ceased_on == datetime.date(2025, 9, 1)


def test_the_admin_keeps_the_header_rules(client, administrator):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    child = ChildFactory(sex="M", upn="")
    client.force_login(administrator)
    url = reverse("admin:children_child_change", args=[child.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "date_of_birth": child.date_of_birth.isoformat(),
            "upn": "B123456789012",
            "is_mother": "on",
            "legal_statuses-TOTAL_FORMS": "0",
            "legal_statuses-INITIAL_FORMS": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "check letter" in str(errors["upn"]) and "Only a girl" in str(errors["is_mother"])
