"""The alerts panel on "My work": the person's open alerts and their caseload's next due dates."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from children.models import Child
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, UserFactory
from timescales import selectors, services
from timescales.models import SocialWorkerVisit

TODAY = datetime.date(2026, 4, 20)


def caseload(social_worker, size):
    home = HomeFactory(beds=size + 1)
    for n in range(size):
        child = ChildFactory(social_worker=social_worker, first_name=f"Kid{n}")
        PlacementFactory(child=child, home=home, start_date=datetime.date(2026, 4, 1))
        SocialWorkerVisit.objects.create(child=child, visited_on=datetime.date(2026, 4, 3))


@pytest.mark.django_db
def test_my_work_lists_my_alerts_and_my_caseloads_next_review_and_visit(client, social_worker):
    caseload(social_worker, 1)
    services.run_day(TODAY)
    client.force_login(social_worker)

    with time_machine.travel(datetime.datetime(2026, 4, 20, 9), tick=False):
        page = client.get(reverse("accounts:my_work")).content.decode()

    assert "Looked-after review due" in page
    assert "Kid0" in page
    # Looked after from 1 April 2026: 20 working days skip Good Friday and Easter Monday (3 and
    # 6 April), so the first review is due on 1 May; the next visit 6 weeks after 3 April.
    assert "1 May 2026" in page
    assert "15 May 2026" in page


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_the_panel_reads_in_fixed_queries(social_worker, django_assert_num_queries, size):
    caseload(social_worker, size)
    services.run_day(TODAY)
    with django_assert_num_queries(2):
        alerts = selectors.open_alerts_for(social_worker)
    assert len(alerts) == min(2 * size, selectors.SHOWN)  # a review and a plan each
    assert all(a.child_name for a in alerts)
    with django_assert_num_queries(2):
        due = selectors.caseload_due_dates(social_worker, TODAY)
    assert {row["review_due"] for row in due} == {datetime.date(2026, 5, 1)}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HOME_MANAGER, Role.ADMINISTRATOR, Role.PERSONAL_ADVISER])
def test_only_a_social_worker_has_reviews_and_visits_coming_up(
    social_worker, django_assert_num_queries, role
):
    caseload(social_worker, 2)
    someone = UserFactory(role=role)
    Child.objects.update(social_worker=someone)  # allocated to them before a change of role
    with django_assert_num_queries(0):
        assert selectors.caseload_due_dates(someone, TODAY) == []
    Child.objects.update(social_worker=social_worker)
    assert len(selectors.caseload_due_dates(social_worker, TODAY)) == 2
