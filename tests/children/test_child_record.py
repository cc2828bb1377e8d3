import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from children.models import KeyWorkerAllocation, LegalStatusRecord, SocialWorkerEpisode
from core import codes
from placements.models import Outcome, PreviousPermanence, StayExtension
from tests.factories import CareLeaverFactory, ChildFactory, HomeFactory, PlacementFactory
from tests.placements.helpers import days_ago, extension_request, make_caseload

pytestmark = pytest.mark.django_db


def detail(child):
    return reverse("children:detail", args=[child.pk])


def test_record_shows_details_legal_status_placements_and_history_link(client, social_worker):
    child = ChildFactory(social_worker=social_worker, key_worker=social_worker)
    LegalStatusRecord.objects.create(child=child, legal_status="C2", start_date=days_ago(400))
    PlacementFactory(
        child=child,
        home=HomeFactory(name="First Home"),
        start_date=days_ago(300),
        end_date=days_ago(100),
        outcome=Outcome.ANOTHER_HOME,
        distance_miles=24,
    )
    PlacementFactory(child=child, home=HomeFactory(name="Second Home"), start_date=days_ago(100))
    client.force_login(social_worker)

    page = client.get(detail(child)).content.decode()

    assert escape(child.full_name) in page and child.local_id in page  # O’Brien is escaped
    assert escape(codes.LegalStatus.C2.label) in page
    assert "moj-timeline" in page
    assert page.index("Second Home") < page.index("First Home")  # newest first
    assert escape(Outcome.ANOTHER_HOME.label) in page
    assert "Over 20 miles" in page
    assert reverse("audit:child_history", args=[child.pk]) in page
    assert reverse("children:edit", args=[child.pk]) in page


def test_care_leaver_details_shown(client, administrator):
    leaver = CareLeaverFactory(personal_adviser=administrator)
    client.force_login(administrator)

    page = client.get(detail(leaver.child)).content.decode()

    assert "Leaving care" in page and "Former relevant" in page


def test_every_view_is_audited(client, home_manager):
    child = ChildFactory()
    home = HomeFactory()
    home.managers.add(home_manager)
    PlacementFactory(child=child, home=home, start_date=days_ago(3))
    client.force_login(home_manager)

    client.get(detail(child))
    client.get(detail(child))

    views = AuditEvent.objects.filter(action="view", object_id=str(child.pk), user=home_manager)
    assert views.count() == 2
    assert views.first().object_type == "children.child"


def test_manager_cannot_edit_or_see_history(client, home_manager):
    child = ChildFactory()
    home = HomeFactory()
    home.managers.add(home_manager)
    PlacementFactory(child=child, home=home, start_date=days_ago(3))
    client.force_login(home_manager)

    page = client.get(detail(child)).content.decode()

    assert reverse("children:edit", args=[child.pk]) not in page
    assert reverse("audit:child_history", args=[child.pk]) not in page


@pytest.mark.parametrize("role_fixture", ["board_member", "visitor"])
def test_board_members_and_visitors_never_see_a_record(request, client, role_fixture):
    child = ChildFactory()
    home = HomeFactory()
    home.independent_visitors.add(request.getfixturevalue("visitor"))
    PlacementFactory(child=child, home=home, start_date=days_ago(3))
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(detail(child))

    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="view").exists()


def test_unknown_child_is_404(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("children:detail", args=[999999])).status_code == 404


def test_record_query_count_does_not_grow(
    client, social_worker, home_manager, django_assert_max_num_queries
):
    stays = make_caseload(social_worker, home_manager, 1)
    child = stays[0].child
    client.force_login(social_worker)
    # key workers, SSDA903 errors, match requests, missing episodes, social workers, previous
    # permanence and adoption; the newest placements, then the current and planned ones
    with django_assert_max_num_queries(20) as small:
        client.get(detail(child))
    for n in range(2, 12):  # ten more ended stays, each with extensions, and key workers
        ended = PlacementFactory(
            child=child,
            home=stays[0].home,
            start_date=days_ago(100 * n),
            end_date=days_ago(100 * n) + datetime.timedelta(days=20),
        )
        extension_request(ended, days=10)
        extension_request(ended, days=15)
        LegalStatusRecord.objects.create(
            child=child, legal_status="V2", start_date=days_ago(100 * n)
        )
        SocialWorkerEpisode.objects.create(
            child=child,
            social_worker=social_worker,
            start_date=days_ago(100 * n),
            end_date=days_ago(100 * n - 50),
            reason="MANAGE",
        )
        KeyWorkerAllocation.objects.create(
            child=child, person=social_worker, started_on=days_ago(100 * n), ended_on=days_ago(n)
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(detail(child)).status_code == 200


def test_each_stay_lists_its_extension_requests_read_only_when_there_are_some(
    client, social_worker, home_manager, django_assert_num_queries
):
    asked, unasked = (stay.child for stay in make_caseload(social_worker, home_manager, 2))
    # two children alike but for their stays' extension requests: all four on the first's
    StayExtension.objects.filter(placement__child=unasked).update(placement=asked.placements.get())
    for child in (asked, unasked):
        PlacementFactory(
            child=child, home=HomeFactory(name="Earlier Home"), start_date=days_ago(200),
            end_date=days_ago(180),
        )  # fmt: skip
    client.force_login(social_worker)
    with CaptureQueriesContext(connection) as with_requests:
        page = client.get(detail(asked)).content.decode()
    stay = asked.placements.get(end_date=None)
    assert (
        f"Extension to {stay.start_date + datetime.timedelta(days=35):%-d %B %Y}: Authorised"
        in page
    )
    assert page.count("Waiting for a decision") == 2 and page.count("Extension to ") == 4
    assert page.rindex("Extension to ") < page.index("Earlier Home")  # none on the earlier stay

    with django_assert_num_queries(len(with_requests) - 1):  # no query for requests not made
        page = client.get(detail(unasked)).content.decode()
    assert "Extension to " not in page


def test_long_histories_show_the_newest_rows_and_link_to_them_all(
    client, social_worker, django_assert_max_num_queries
):
    child = ChildFactory(social_worker=social_worker)
    home = HomeFactory()
    for n in range(1, 13):  # twelve short stays a month apart, the newest still open
        PlacementFactory(
            child=child,
            home=home,
            start_date=days_ago(30 * n),
            end_date=None if n == 1 else days_ago(30 * n) + datetime.timedelta(days=3),
        )
        LegalStatusRecord.objects.create(
            child=child, legal_status="V3" if n > 1 else "C2", start_date=days_ago(30 * n)
        )
        PreviousPermanence.objects.create(child=child, care_started_on=days_ago(30 * n), order="Z1")
    oldest = f"{days_ago(360):%-d %B %Y}"
    client.force_login(social_worker)

    with django_assert_max_num_queries(25) as newest_only:
        page = client.get(detail(child)).content.decode()
    assert page.count('class="moj-timeline__item"') == 10
    assert "The newest 10 of 12 placements." in page
    assert "The newest 10 of 12 legal statuses." in page
    assert "The newest 10 of 12 records of previous permanence." in page
    assert 'href="?history=all#placement-history"' in page
    assert 'href="?history=all#legal-status"' in page
    assert 'href="?history=all#permanence"' in page
    assert oldest not in page
    assert 'govuk-tag--green">Current' in page  # the open stay is among the newest

    with django_assert_max_num_queries(len(newest_only.captured_queries)):
        everything = client.get(detail(child), {"history": "all"}).content.decode()
    assert everything.count('class="moj-timeline__item"') == 12
    assert oldest in everything
    assert "Show all" not in everything


def test_the_current_stay_shows_when_more_planned_stays_than_the_history_shows_follow_it(
    client, social_worker
):
    child = ChildFactory(social_worker=social_worker)
    PlacementFactory(
        child=child,
        home=HomeFactory(name="Lives Here"),
        start_date=days_ago(40),
        end_date=days_ago(-20),
    )
    respite = HomeFactory(name="Short Breaks")
    for n in range(1, 13):  # twelve short breaks planned ahead, the newest rows of the history
        start = days_ago(-30 * n)
        PlacementFactory(
            child=child, home=respite, start_date=start, end_date=start + datetime.timedelta(days=2)
        )
    client.force_login(social_worker)

    page = client.get(detail(child)).content.decode()

    assert "The newest 10 of 13 placements." in page
    lives_at = page[page.index("Lives at") : page.index("Leaving")]
    assert "Lives Here" in lives_at and "Not placed" not in lives_at
    leaving = page[page.index("Leaving") : page.index("</dl>", page.index("Leaving"))]
    assert f"{days_ago(-20):%-d %B %Y}, moving to Short Breaks" in leaving
