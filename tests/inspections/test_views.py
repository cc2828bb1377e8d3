"""The pages a visitor and a manager use, through the test client."""

import datetime

import pytest
from django.urls import reverse

from inspections import selectors, services
from inspections.filters import VisitFilter
from inspections.models import PersonSpokenTo, Recommendation, Reg44Visit
from tests.factories import HomeFactory
from tests.plans import plan

from .conftest import VISIT_DAY


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _report_data(**overrides):
    return {
        **_date("visit_date", VISIT_DAY),
        "announced": "no",
        "records_examined": ["incidents", "complaints"],
        "children_safeguarded": "yes",
        "safeguarding_opinion": "Safe",
        "promotes_wellbeing": "yes",
        "wellbeing_opinion": "Well",
        "finding_protection": "Missing protocol followed",
        **overrides,
    }


def test_visitor_records_submits_and_downloads_a_report(client, home, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("inspections:visit_create", args=[home.pk]),
        {**_date("visit_date", VISIT_DAY), "announced": "yes"},
    )
    visit = Reg44Visit.objects.get()
    assert response.url == reverse("inspections:visit_edit", args=[visit.pk])
    assert visit.announced and visit.visitor == visitor

    response = client.post(reverse("inspections:visit_edit", args=[visit.pk]), _report_data())
    assert response.status_code == 302
    client.post(
        reverse("inspections:person_add", args=[visit.pk]),
        {"kind": "child", "name": "Mo", "consent": "on", "summary": "Happy"},
    )
    client.post(
        reverse("inspections:recommendation_add", args=[visit.pk]),
        {
            "text": "Update the risk assessment",
            "owner": "Registered manager",
            **_date("due_date", VISIT_DAY + datetime.timedelta(days=14)),
        },
    )
    response = client.post(reverse("inspections:visit_submit", args=[visit.pk]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Reg44Visit.Status.SUBMITTED
    assert visit.findings.get().text == "Missing protocol followed"
    assert visit.people.get().name == "Mo" and visit.recommendations.count() == 1

    page = client.get(reverse("inspections:visit_detail", args=[visit.pk]))
    assert "Missing protocol followed" in page.content.decode()
    download = client.get(reverse("inspections:visit_pdf", args=[visit.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_editing_a_submitted_report_is_refused(client, draft, visitor):
    services.submit(draft, by=visitor)
    client.force_login(visitor)
    url = reverse("inspections:visit_edit", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _report_data(safeguarding_opinion="Changed")).status_code == 404
    draft.refresh_from_db()
    assert draft.safeguarding_opinion == "Staff know the children well."


def test_correction_through_the_pages_keeps_the_old_version(client, draft, visitor):
    services.submit(draft, by=visitor)
    client.force_login(visitor)
    response = client.post(
        reverse("inspections:visit_correct", args=[draft.pk]), {"reason": "Wrong date"}
    )
    new = Reg44Visit.objects.get(corrects=draft)
    assert response.url == reverse("inspections:visit_edit", args=[new.pk])
    client.post(
        reverse("inspections:visit_edit", args=[new.pk]), _report_data(wellbeing_opinion="Fixed")
    )
    client.post(reverse("inspections:visit_submit", args=[new.pk]))
    draft.refresh_from_db()
    new.refresh_from_db()
    assert (
        draft.status == Reg44Visit.Status.SUPERSEDED
        and draft.wellbeing_opinion == "Children are settled."
    )
    assert new.status == Reg44Visit.Status.SUBMITTED and new.wellbeing_opinion == "Fixed"
    page = client.get(reverse("inspections:visit_detail", args=[draft.pk])).content.decode()
    assert "A corrected version of this report replaces it" in page


@pytest.mark.parametrize(
    "url_name, data, error",
    [
        (
            "visit_edit",
            _report_data(visit_date_0="31", visit_date_1="2"),
            "The date of the visit must be a real date",
        ),
        (
            "visit_edit",
            _report_data(records_examined=["bank_statements"]),
            "Choose the records examined from the list",
        ),
        (
            "visit_edit",
            _report_data(children_safeguarded="maybe"),
            "Choose yes or no for “In your opinion, are children effectively safeguarded?”",
        ),
        (
            "person_add",
            {"kind": "child", "name": "Jamie Smith", "consent": "on"},
            "first name or initials",
        ),
        ("person_add", {"kind": "child", "name": "JS"}, "consent"),
        ("person_add", {"kind": "alien", "name": "X"}, "Who did you speak to?” from the list"),
        ("recommendation_add", {"text": "", "owner": "RM"}, "Enter the recommended action"),
        (
            "recommendation_add",
            {
                "text": "Do it",
                "owner": "RM",
                **_date("due_date", VISIT_DAY - datetime.timedelta(days=1)),
            },
            "on or after the visit date",
        ),
    ],
)
def test_bad_input_is_explained_and_changes_nothing(client, draft, visitor, url_name, data, error):
    client.force_login(visitor)
    before = draft.version
    response = client.post(reverse(f"inspections:{url_name}", args=[draft.pk]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == before
    assert not PersonSpokenTo.objects.exists() and not Recommendation.objects.exists()


def test_submitting_without_opinions_is_explained(client, home, visitor):
    visit = services.start_visit(home=home, by=visitor, visit_date=VISIT_DAY, announced=False)
    client.force_login(visitor)
    response = client.post(reverse("inspections:visit_submit", args=[visit.pk]), follow=True)
    assert "Say whether children are effectively safeguarded" in response.content.decode()
    visit.refresh_from_db()
    assert visit.is_draft


def test_manager_responds_and_marks_done_with_evidence(client, draft, visitor, home_manager):
    services.add_recommendation(
        draft, by=visitor, text="Fix the fence", owner="RM", due_date=VISIT_DAY
    )
    services.submit(draft, by=visitor)
    rec = Recommendation.objects.get()
    client.force_login(home_manager)
    url = reverse("inspections:action_respond", args=[rec.pk])
    response = client.post(url, {"response": "Booked", "done": "on", "evidence": ""})
    assert "Say what shows the action is done" in response.content.decode()
    rec.refresh_from_db()
    assert not rec.is_done
    client.post(url, {"response": "Fence mended", "done": "on", "evidence": "Photo in file"})
    rec.refresh_from_db()
    assert rec.is_done and rec.responded_by == home_manager and rec.evidence == "Photo in file"
    assert client.get(url).status_code == 404  # a done action is closed


def test_visitor_sees_the_homes_logs_beside_the_form(client, draft, visitor, home_manager):
    client.force_login(home_manager)
    client.post(
        reverse("inspections:reg40_create", args=[draft.home_id]),
        {
            "event": "police",
            "summary": "Police called",
            "child_initials": "AB",
            **_date("occurred_on", VISIT_DAY),
            **_date("ofsted_notified_on", VISIT_DAY),
        },
    )
    client.post(
        reverse("inspections:incident_create", args=[draft.home_id]),
        {"kind": "missing", "summary": "Returned at 2am", **_date("occurred_on", VISIT_DAY)},
    )
    client.force_login(visitor)
    page = client.get(reverse("inspections:visit_edit", args=[draft.pk])).content.decode()
    assert "Serious incident needing police involvement" in page and "(AB)" in page
    assert "Missing episode" in page and "Returned at 2am" in page


def test_a_log_entry_in_the_future_is_refused(client, home, home_manager):
    client.force_login(home_manager)
    response = client.post(
        reverse("inspections:incident_create", args=[home.pk]),
        {
            "kind": "missing",
            "summary": "x",
            **_date("occurred_on", datetime.date.today() + datetime.timedelta(days=2)),
        },
    )
    assert "today or in the past" in response.content.decode()
    assert not home.incidents.exists()


def test_board_member_is_refused_every_report(client, draft, visitor, board_member):
    services.submit(draft, by=visitor)
    client.force_login(board_member)
    for url in (
        reverse("inspections:index"),
        reverse("inspections:visit_detail", args=[draft.pk]),
        reverse("inspections:visit_pdf", args=[draft.pk]),
    ):
        assert client.get(url).status_code == 403


def _visits(home, visitor, n):
    for i in range(n):
        visit = Reg44Visit.objects.create(
            home=home,
            visitor=visitor,
            visit_date=VISIT_DAY - datetime.timedelta(days=i),
            status="submitted",
            submitted_at="2026-01-01T00:00Z",
        )
        Recommendation.objects.create(visit=visit, text="x", owner="RM", due_date=VISIT_DAY)


@pytest.mark.parametrize("url_name", ["index", "actions", "home"])
def test_list_pages_run_a_constant_number_of_queries(
    client, home, visitor, home_manager, django_assert_max_num_queries, url_name
):
    args = [home.pk] if url_name == "home" else []
    client.force_login(home_manager)
    _visits(home, visitor, 2)
    with django_assert_max_num_queries(14) as small:
        client.get(reverse(f"inspections:{url_name}", args=args))
    _visits(home, visitor, 40)
    for _ in range(5):
        HomeFactory().managers.add(home_manager)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse(f"inspections:{url_name}", args=args)).status_code == 200


def test_the_visits_list_reads_its_page_newest_first_from_an_index(on_postgres, administrator):
    """Sorting every visit to keep 25 took 68 ms at regional size; sorting is forbidden here,
    so the list's order must be one the index gives."""
    listing = VisitFilter({}, queryset=selectors.visit_list(administrator)).qs[:25]
    read = plan(listing, forbidden=("sort",))
    assert "reg44_visits_newest_first" in read, read
