"""The referral journey through its pages: from the child's record to the vacancy search, the
request, the manager's My work and assessment, the social worker's My work and the placement
form filled in from the agreed match. Pages run a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from children.models import LegalStatusRecord
from notifications.models import Notification
from placements import matching
from placements.models import MatchRequest, Placement
from tests.factories import ChildFactory, PlacementFactory

from .conftest import monday_plus
from .helpers import match_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
days = monday_plus


@pytest.fixture
def ada(social_worker):
    child = ChildFactory(
        social_worker=social_worker,
        first_name="Ada",
        last_name="Lovelace",
        date_of_birth=datetime.date(2012, 6, 15),
    )
    LegalStatusRecord.objects.create(child=child, legal_status="C2", start_date=days(-300))
    return child


def test_from_the_childs_record_to_a_request(client, social_worker, ada, oak):
    client.force_login(social_worker)
    record = client.get(reverse("children:detail", args=[ada.pk])).content.decode()
    find = f"{reverse('homes:vacancies')}?child={ada.pk}"
    assert "Not placed" in record and f'href="{find}"' in record and "Find a placement" in record

    search = client.get(find).content.decode()  # filled in for Ada, no results yet
    assert "Finding a placement for Ada Lovelace" in search
    assert 'name="age" value="13"' in search and 'name="start_0" value="2"' in search
    found = client.get(
        reverse("homes:vacancies"), {"child": ada.pk, "start": days(7).isoformat(), "age": 13}
    ).content.decode()
    ask_url = reverse("placements:request_new")
    link = f"{ask_url}?child={ada.pk}&amp;home={oak.pk}&amp;start={days(7).isoformat()}"
    assert link in found and "Ask for a match" in found

    page = client.get(f"{ask_url}?child={ada.pk}&home={oak.pk}&start={days(7).isoformat()}")
    assert "Ask Oak House for a match" in page.content.decode()
    refused = client.post(page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"], {})
    html = refused.content.decode()
    assert "Enter the proposed start date" in html
    assert "Enter what the child needs from the home" in html  # every error at once

    url = f"{ask_url}?child={ada.pk}&home={oak.pk}"
    response = client.post(
        url, {"proposed_start": days(7).isoformat(), "needs": "A calm home near school."}
    )
    match = MatchRequest.objects.get()
    assert response["Location"] == reverse("placements:request_detail", args=[match.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Match request sent" in detail and "Waiting for the manager" in detail
    assert "Withdraw the request" in detail and "Assess and sign off" not in detail


def test_a_social_worker_cannot_ask_for_someone_elses_child(client, social_worker, oak):
    client.force_login(social_worker)
    url = f"{reverse('placements:request_new')}?child={ChildFactory().pk}&home={oak.pk}"
    assert client.get(url).status_code == 404
    assert (
        "Finding a placement"
        not in client.get(reverse("homes:vacancies"), {"child": ChildFactory().pk}).content.decode()
    )


def test_the_manager_assesses_from_my_work(client, social_worker, home_manager, ada, oak):
    residents = [PlacementFactory(home=oak, start_date=days(-30)).child for _ in range(2)]
    match = match_request(ada, oak, by=social_worker, start=days(7))
    client.force_login(home_manager)
    work = client.get(reverse("accounts:my_work")).content.decode()
    assert "Match requests to assess" in work and "Ada Lovelace" in work
    assert '<span class="govuk-visually-hidden"> (1)</span>' in work

    detail = client.get(reverse("placements:request_detail", args=[match.pk])).content.decode()
    assert "Needs a calm home near school." in detail and "Assess and sign off" in detail
    assert AuditEvent.objects.filter(
        object_type="placements.matchrequest", object_id=str(match.pk), action="view"
    ).exists()

    url = reverse("placements:request_assess", args=[match.pk])
    page = client.get(url).content.decode()
    assert all(f"Risk to and from {escape(r.full_name)}" in page for r in residents)
    assert "local identifier" not in page.lower()  # nobody types the child's id
    refused = client.post(url, {"summary": ""}).content.decode()
    for message in (
        f"Choose the risk level for {escape(residents[0].full_name)}",
        "Choose whether the child can be admitted",
        "Enter the summary",
        "Confirm you have considered every child living in the home",
    ):
        assert message in refused
    answers = {
        "decision": "proceed",
        "summary": "Settles well.",
        "signed_off": "on",
        **{f"risk_{r.pk}": "low" for r in residents},
    }
    assert client.post(url, answers).status_code == 302
    match.refresh_from_db()
    assert match.status == MatchRequest.Status.AGREED
    after = client.get(reverse("accounts:my_work")).content.decode()
    assert "No match requests are waiting." in after


def test_the_social_worker_places_from_the_agreed_match(
    client, social_worker, home_manager, ada, oak
):
    match = match_request(ada, oak, by=social_worker, start=days(7))
    matching.assess_match(match, decision="proceed", summary="Yes.", risks=[], by=home_manager)
    client.force_login(social_worker)
    assert Notification.objects.filter(user=social_worker, title="Match agreed").exists()
    work = client.get(reverse("accounts:my_work")).content.decode()
    assert "Matches agreed: ready to place" in work and "Ada Lovelace" in work

    detail = client.get(reverse("placements:request_detail", args=[match.pk])).content.decode()
    place = (
        f"{reverse('placements:new')}?child={ada.pk}&amp;home={oak.pk}"
        f"&amp;start={days(7).isoformat()}"
    )
    assert place in detail and "Record the placement" in detail
    form = client.get(place.replace("&amp;", "&")).content.decode()
    assert 'value="C2" selected' in form  # Ada's legal status, filled in
    assert 'name="start_date_0" value="9"' in form

    response = client.post(
        reverse("placements:new"),
        {
            "child": ada.pk,
            "home": oak.pk,
            "start_date": days(7).isoformat(),
            "legal_status": "C2",
            "reason_new_episode": "S",
        },
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchRequest.Status.PLACED
    assert match.placement == Placement.objects.get(child=ada)


def test_a_child_already_placed_moves_from_the_agreed_match(
    client, social_worker, home_manager, ada, oak
):
    stay = PlacementFactory(child=ada, start_date=days(-20))
    match = match_request(ada, oak, by=social_worker, start=days(3))
    matching.assess_match(match, decision="proceed", summary="Yes.", risks=[], by=home_manager)
    client.force_login(social_worker)
    detail = client.get(reverse("placements:request_detail", args=[match.pk])).content.decode()
    move = f"{reverse('placements:move', args=[stay.pk])}?home={oak.pk}&amp;start="
    assert move in detail
    form = client.get(
        f"{reverse('placements:move', args=[stay.pk])}?home={oak.pk}&start={days(3).isoformat()}"
    ).content.decode()
    assert 'name="move_date_0" value="5"' in form


def test_the_manager_declines_and_the_social_worker_reads_why(
    client, social_worker, home_manager, ada, oak
):
    match = match_request(ada, oak, by=social_worker)
    client.force_login(home_manager)
    url = reverse("placements:request_decline", args=[match.pk])
    assert "Enter why the home cannot take the child" in client.post(url, {}).content.decode()
    assert client.post(url, {"reason": "No bed for her age group"}).status_code == 302
    client.force_login(social_worker)
    detail = client.get(reverse("placements:request_detail", args=[match.pk])).content.decode()
    assert "Declined" in detail and "No bed for her age group" in detail
    notices = client.get(reverse("notifications:list")).content.decode()
    assert "Match declined" in notices and "Ada Lovelace" in notices


def test_the_social_worker_withdraws(client, social_worker, home_manager, ada, oak):
    match = match_request(ada, oak, by=social_worker)
    client.force_login(social_worker)
    url = reverse("placements:request_withdraw", args=[match.pk])
    assert client.post(url, {"reason": "Returning home"}).status_code == 302
    match.refresh_from_db()
    assert match.status == MatchRequest.Status.WITHDRAWN
    client.force_login(home_manager)
    listed = client.get(reverse("placements:requests"), {"show": "all"}).content.decode()
    assert "Withdrawn" in listed
    assert (
        "There are no open match requests"
        in client.get(reverse("placements:requests")).content.decode()
    )


@pytest.mark.parametrize("role", ["social_worker", "home_manager"])
def test_request_pages_run_a_fixed_number_of_queries(
    request, client, social_worker, home_manager, oak, role, django_assert_max_num_queries
):
    def requests(n):
        for _ in range(n):
            match_request(ChildFactory(social_worker=social_worker), oak, by=social_worker)
        return MatchRequest.objects.first()

    client.force_login(request.getfixturevalue(role))
    match = requests(2)
    PlacementFactory(home=oak, start_date=days(-5))
    urls = [
        reverse("placements:requests"),
        reverse("placements:request_detail", args=[match.pk]),
        reverse("accounts:my_work"),
    ]
    if role == "home_manager":  # the assessment, one question per child living there
        urls.append(reverse("placements:request_assess", args=[match.pk]))
    else:
        urls.append(f"{reverse('placements:request_new')}?child={match.child_id}&home={oak.pk}")
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(25) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    requests(30)
    oak.beds = 8
    oak.save()
    for _ in range(3):
        PlacementFactory(home=oak, start_date=days(-5))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
