"""Check your answers before a Regulation 44 report is submitted: the visitor reads the whole
report with a Change link by each answer, and only the button on that page submits it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections import services
from inspections.models import Reg44Visit

from .conftest import VISIT_DAY

pytestmark = pytest.mark.django_db


def _check_page(client, visit):
    response = client.get(reverse("inspections:visit_submit", args=[visit.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_links_to_its_check_page_and_nothing_submits_it_there(client, draft, visitor):
    client.force_login(visitor)
    detail = client.get(reverse("inspections:visit_detail", args=[draft.pk])).content.decode()
    check = reverse("inspections:visit_submit", args=[draft.pk])
    assert f'href="{check}"' in detail
    assert not re.search(rf'<form[^>]*action="{check}"', detail)
    _check_page(client, draft)
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_check_page_shows_each_answer_with_a_link_to_change_it(client, draft, visitor):
    services.add_recommendation(
        draft, by=visitor, text="Fix the fence", owner="RM", due_date=VISIT_DAY
    )
    client.force_login(visitor)
    page = _check_page(client, draft)
    assert "Check your answers before submitting the report" in page
    edit = reverse("inspections:visit_edit", args=[draft.pk])
    for anchor in ("visit_date_0", "records_examined_1", "children_safeguarded_1",
                   "promotes_wellbeing_1", "finding_protection"):  # fmt: skip
        assert f'href="{edit}#id_{anchor}"' in page, anchor
    assert reverse("inspections:person_add", args=[draft.pk]) in page
    assert "Fix the fence" in page
    assert "Not looked at" in page  # a standard left blank
    assert page.count(">Change<") >= 12


def test_submitting_from_the_check_page_locks_the_report(client, draft, visitor):
    client.force_login(visitor)
    response = client.post(reverse("inspections:visit_submit", args=[draft.pk]))
    assert response.url == reverse("inspections:visit_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Reg44Visit.Status.SUBMITTED


def test_missing_opinions_are_shown_on_the_check_page_linked_to_their_questions(
    client, home, visitor
):
    visit = services.start_visit(home=home, by=visitor, visit_date=VISIT_DAY, announced=False)
    client.force_login(visitor)
    assert "Not yet given" in _check_page(client, visit)
    response = client.post(reverse("inspections:visit_submit", args=[visit.pk]))
    page = response.content.decode()
    assert "govuk-error-summary" in page and "<title>Error: Check your answers" in page
    edit = reverse("inspections:visit_edit", args=[visit.pk])
    assert f'href="{edit}#id_children_safeguarded_1">Say whether children' in page
    visit.refresh_from_db()
    assert visit.is_draft


def test_only_the_author_of_a_draft_reaches_its_check_page(client, draft, home_manager):
    client.force_login(home_manager)
    response = client.get(reverse("inspections:visit_submit", args=[draft.pk]))
    assert response.status_code in (403, 404)


def test_the_check_page_runs_the_same_queries_however_long_the_report(
    client, draft, visitor, django_assert_num_queries
):
    client.force_login(visitor)
    url = reverse("inspections:visit_submit", args=[draft.pk])
    client.get(url)  # the session and the user, cached after the first request
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for n in range(5):
        services.add_recommendation(
            draft, by=visitor, text=f"Action {n}", owner="RM", due_date=VISIT_DAY
        )
        services.add_person(
            draft, by=visitor, kind="child", name=f"C{n}", consent=True, summary="Fine"
        )
    with django_assert_num_queries(len(short.captured_queries)):
        client.get(url)
