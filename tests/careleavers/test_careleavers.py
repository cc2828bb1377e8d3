"""Care leavers: each person sees only their young people, the update form keeps the
leaving-care rules, refuses stale saves and writes the audit trail."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from careleavers.models import CareLeaver
from tests.carers.conftest import date_fields
from tests.factories import (
    CareLeaverFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
    home_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(db):
    return UserFactory(username="pa", role=Role.PERSONAL_ADVISER)


def leaver_born(born, **kwargs):
    return CareLeaverFactory(child=ChildFactory(date_of_birth=born, status="care_leaver"), **kwargs)


@pytest.fixture
def leaver(adviser):
    return leaver_born(
        datetime.date(2007, 3, 1),  # 19
        personal_adviser=adviser,
        pathway_plan_date=datetime.date(2026, 3, 1),
        pathway_plan_review_due=datetime.date(2026, 5, 1),
    )


def test_adviser_sees_only_their_own_young_people(client, adviser, leaver):
    leaver_born(datetime.date(2006, 1, 1))
    client.force_login(adviser)
    response = client.get(reverse("careleavers:list"))
    assert list(response.context["page"].object_list) == [leaver]
    assert "Overdue" in response.content.decode()
    other = CareLeaver.objects.exclude(pk=leaver.pk).get()
    assert client.get(reverse("careleavers:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("careleavers:edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("careleavers:detail", args=[999999])).status_code == 404


def test_social_worker_sees_their_caseload(client, social_worker, leaver):
    mine = leaver_born(datetime.date(2006, 1, 1))
    mine.child.social_worker = social_worker
    mine.child.save()
    client.force_login(social_worker)
    assert list(client.get(reverse("careleavers:list")).context["page"].object_list) == [mine]


def test_list_filters(client, administrator, leaver):
    put = leaver_born(datetime.date(2007, 1, 1), staying_put=True, accommodation="Z", activity="F5")
    client.force_login(administrator)

    def listed(**query):
        return list(client.get(reverse("careleavers:list"), query).context["page"].object_list)

    assert listed(review="overdue") == [leaver]
    assert listed(support="staying_put") == [put]
    assert listed(eet="eet") == [put]
    assert listed(eet="unknown") == [leaver]
    assert listed(accommodation="Z") == [put]
    assert listed(adviser=leaver.personal_adviser.last_name.upper()) == [leaver]
    assert listed(adviser="nobody by this name") == []
    response = client.get(reverse("careleavers:list"), {"review": "soon-ish"})
    assert response.status_code == 200 and "The filter was not used" in response.content.decode()


def test_viewing_a_care_leaver_is_audited(client, adviser, leaver):
    client.force_login(adviser)
    assert client.get(reverse("careleavers:detail", args=[leaver.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        action="view", object_type="careleavers.careleaver", object_id=str(leaver.pk), user=adviser
    ).exists()


def edit_data(leaver, **overrides):
    data = {
        "personal_adviser": str(leaver.personal_adviser_id or ""),
        "eligibility": leaver.eligibility,
        **date_fields("pathway_plan_date", datetime.date(2026, 5, 20)),
        **date_fields("pathway_plan_review_due", datetime.date(2026, 11, 20)),
        "activity": "F5",
        "in_touch": "yes",
        "accommodation": "U",
        "accommodation_suitable": "yes",
        "interdependence_stage": "",
        "version": str(leaver.version),
    }
    data.update(overrides)
    return data


def test_update_is_saved_and_audited_with_the_changes(client, adviser, leaver):
    client.force_login(adviser)
    response = client.post(reverse("careleavers:edit", args=[leaver.pk]), edit_data(leaver))
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.activity == "F5" and leaver.accommodation_suitable is True
    assert leaver.pathway_plan_review_due == datetime.date(2026, 11, 20)
    event = AuditEvent.objects.get(action="update", object_type="careleavers.careleaver")
    assert event.changes["activity"][1] == leaver.get_activity_display()
    assert event.user == adviser


def test_staying_put_with_former_foster_carers(client, adviser, leaver):
    client.force_login(adviser)
    data = edit_data(leaver, staying_put="on", accommodation="Z")
    assert client.post(reverse("careleavers:edit", args=[leaver.pk]), data).status_code == 302


def test_edit_form_explains_when_the_interdependence_stage_does_not_apply(client, adviser, leaver):
    client.force_login(adviser)
    page = client.get(reverse("careleavers:edit", args=[leaver.pk])).content.decode()
    assert "has no placement in a home with a trainer flat" in page


def test_interdependence_stage_for_a_young_person_placed_in_a_linked_units_home(
    client, adviser, leaver
):
    home = HomeFactory(home_type=home_type("interdependence"))
    PlacementFactory(
        child=leaver.child,
        home=home,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2025, 3, 1),
    )
    client.force_login(adviser)
    form_page = client.get(reverse("careleavers:edit", args=[leaver.pk])).content.decode()
    assert "has no placement in a home with a trainer flat" not in form_page
    data = edit_data(leaver, interdependence_stage="independent_time")
    assert client.post(reverse("careleavers:edit", args=[leaver.pk]), data).status_code == 302


BAD_EDITS = {
    "unknown activity": (
        {"activity": "ZZ"},
        "Choose the education, employment or training from the list",
    ),
    "unknown accommodation": ({"accommodation": "Q"}, "Choose the accommodation from the list"),
    "unknown stage": (
        {"interdependence_stage": "moon"},
        "Choose the interdependence stage from the list",
    ),
    "in touch missing": ({"in_touch": ""}, "Choose whether the young person is in touch"),
    "impossible date": (
        {"pathway_plan_date_0": "31", "pathway_plan_date_1": "4"},
        "The pathway plan or last review date must be a real date",
    ),
    "year far ahead": (
        {"pathway_plan_review_due_2": "9999"},
        "The next review due date must be between 1990 and",
    ),
    "plan in future": (
        date_fields("pathway_plan_date", datetime.date(2026, 6, 2)),
        "cannot be in the future",
    ),
    "review before plan": (
        date_fields("pathway_plan_review_due", datetime.date(2026, 5, 1)),
        "must be due after the pathway plan date",
    ),
    "review too far ahead": (
        date_fields("pathway_plan_review_due", datetime.date(2027, 1, 1)),
        "the review is due by 20/11/2026",
    ),
    "plan before birth": (
        date_fields("pathway_plan_date", datetime.date(2000, 1, 1)),
        "before the date of birth",
    ),
    "staying put not with carers": (
        {"staying_put": "on", "accommodation": "U"},
        "former foster carers",
    ),
    "stage without linked home": (
        {"interdependence_stage": "accompanied"},
        "has no placement in one",
    ),
    "tampered version": ({"version": "many"}, "This form is out of date or incomplete"),
    "missing version": ({"version": ""}, "This form is out of date or incomplete"),
}


@pytest.mark.parametrize("overrides,message", BAD_EDITS.values(), ids=BAD_EDITS.keys())
def test_bad_update_is_explained_and_changes_nothing(client, adviser, leaver, overrides, message):
    before = CareLeaver.objects.values().get(pk=leaver.pk)
    client.force_login(adviser)
    response = client.post(
        reverse("careleavers:edit", args=[leaver.pk]), edit_data(leaver, **overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'")
    assert CareLeaver.objects.values().get(pk=leaver.pk) == before
    assert not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.parametrize(
    "born,overrides,message",
    [
        (
            datetime.date(2005, 5, 31),
            {"staying_put": "on", "accommodation": "Z"},
            "Staying Put is for young people aged 18 to 20",
        ),
        (datetime.date(2008, 6, 2), {"staying_put": "on", "accommodation": "Z"}, "is 17"),
        (
            datetime.date(2001, 6, 1),
            {"staying_close": "on"},
            "Staying Close support is for young people under 25",
        ),
    ],
)
def test_support_follows_the_age_limits(client, administrator, born, overrides, message):
    young_person = leaver_born(born)
    client.force_login(administrator)
    data = edit_data(young_person, pathway_plan_date_2="2026", **overrides)
    response = client.post(reverse("careleavers:edit", args=[young_person.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_staying_close_until_the_25th_birthday(client, administrator):
    young_person = leaver_born(datetime.date(2001, 6, 2))  # 24 until tomorrow
    client.force_login(administrator)
    data = edit_data(young_person, staying_close="on")
    assert client.post(reverse("careleavers:edit", args=[young_person.pk]), data).status_code == 302


def test_second_save_from_a_stale_form_is_refused_with_both_versions(client, adviser, leaver):
    stale = edit_data(leaver, activity="G5")
    client.force_login(adviser)
    assert (
        client.post(reverse("careleavers:edit", args=[leaver.pk]), edit_data(leaver)).status_code
        == 302
    )
    response = client.post(reverse("careleavers:edit", args=[leaver.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this record" in page
    assert "Training or employment, full time" in page  # saved now
    assert "Not in education, employment or training: other" in page  # what this person typed
    leaver.refresh_from_db()
    assert leaver.activity == "F5"


@pytest.mark.parametrize("url_name", ["careleavers:list", "careleavers:detail", "careleavers:edit"])
def test_pages_run_a_fixed_number_of_queries(
    client, administrator, django_assert_max_num_queries, url_name
):
    counts = []
    for size in (2, 40):
        young_people = [leaver_born(datetime.date(2006, 1, 1)) for _ in range(size)]
        for person in young_people:
            PlacementFactory(
                child=person.child,
                start_date=datetime.date(2023, 1, 1),
                end_date=datetime.date(2024, 1, 1),
            )
        args = [] if url_name == "careleavers:list" else [young_people[-1].pk]
        client.force_login(administrator)
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse(url_name, args=args)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
