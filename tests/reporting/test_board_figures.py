"""The dashboard reads the board's stored figures: worked out once, read in a fixed number of
queries, and made again after the records change (at most every few minutes)."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements import services as placement_services
from reporting import freshness, periods, services, snapshots, tasks
from reporting.models import BoardReport, FiguresSnapshot
from tests.factories import ChildFactory, HomeFactory, PlacementFactory

from . import council

D = datetime.date
NOVEMBER_3 = datetime.datetime(2026, 11, 3, 9, 0)
OCTOBER = {"period": "2026-10"}
OCCUPANCY = re.compile(r"Average occupancy.*?<strong>(\d+%)</strong>", re.S)


@pytest.fixture
def board(client, board_member):
    client.force_login(board_member)
    return client


def _view(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("reporting:dashboard"), OCTOBER)
    assert page.status_code == 200
    return page.text, len(queries)


def _occupancy(html):
    return OCCUPANCY.search(html)[1]


@time_machine.travel(NOVEMBER_3, tick=False)
def test_the_dashboard_reads_the_stored_figures_in_the_same_queries_at_two_sizes(
    board, django_capture_on_commit_callbacks
):
    council.build()
    assert tasks.refresh_board_figures() == ["2026-11-to-03", "2026-10", "2026-Q3"]
    _, small = _view(board)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(12):
            home = HomeFactory(beds=3)
            for start in (D(2026, 1, 5), D(2026, 10, 2)):
                PlacementFactory(child=ChildFactory(), home=home, start_date=start)
    assert tasks.refresh_board_figures() == ["2026-11-to-03", "2026-10", "2026-Q3"]
    html, large = _view(board)
    assert large == small <= 8  # the session, the user, the second factor and one snapshot read
    assert "Worked out at 09:00 on 3 November 2026, with every change recorded" in html


def _queries_to_work_out_october():
    FiguresSnapshot.objects.all().delete()
    with CaptureQueriesContext(connection) as made:
        assert snapshots.refresh(periods.month(2026, 10))
    return len(made)


@time_machine.travel(NOVEMBER_3, tick=False)
def test_working_out_the_figures_takes_the_same_queries_at_two_sizes(db):
    council.build()
    small = _queries_to_work_out_october()
    for _ in range(12):
        home = HomeFactory(beds=3)
        for start in (D(2026, 1, 5), D(2026, 10, 2)):
            PlacementFactory(child=ChildFactory(), home=home, start_date=start)
    assert _queries_to_work_out_october() == small


@time_machine.travel(NOVEMBER_3, tick=False)
def test_a_placement_recorded_changes_the_dashboard_within_a_few_minutes(
    board, social_worker, django_capture_on_commit_callbacks
):
    town = council.build()
    before, _ = _view(board)  # nothing stored yet: worked out now, and stored
    assert _occupancy(before) == "66%"  # 194 of 293 bed-nights
    assert FiguresSnapshot.objects.filter(code="2026-10").exists()

    # Damson View's one bed, free once its block ended on 11 October: 21 more nights.
    with django_capture_on_commit_callbacks(execute=True):
        placement_services.place_child(
            child=ChildFactory(),
            home=town.homes["D"],
            start_date=D(2026, 10, 11),
            legal_status="C2",
            by=social_worker,
        )

    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, 2), tick=False):
        waiting, _ = _view(board)
    assert _occupancy(waiting) == "66%"
    assert "Records have changed since then" in waiting
    assert "the changes will show here by 09:05" in waiting

    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, 5), tick=False):
        after, _ = _view(board)
    assert _occupancy(after) == "73%"  # 215 of 293
    assert "Worked out at 09:05 on 3 November 2026, with every change recorded" in after


@time_machine.travel(NOVEMBER_3, tick=False)
def test_the_beat_task_remakes_only_figures_that_are_out_of_date(
    db, django_capture_on_commit_callbacks
):
    council.build()
    latest = ["2026-11-to-03", "2026-10", "2026-Q3"]  # this month so far, last month, quarter
    assert tasks.refresh_board_figures() == latest
    assert tasks.refresh_board_figures() == []  # nothing changed
    with django_capture_on_commit_callbacks(execute=True):
        HomeFactory(beds=2)
    assert tasks.refresh_board_figures() == latest
    with time_machine.travel(datetime.datetime(2026, 11, 4, 0, 1), tick=False):
        # A new day: "vacancies today", and one more day of this month so far.
        assert tasks.refresh_board_figures() == ["2026-11-to-04", "2026-10", "2026-Q3"]
    # Only the latest day of a month so far is kept.
    assert set(FiguresSnapshot.objects.values_list("code", flat=True)) == {
        "2026-11-to-04", "2026-10", "2026-Q3"
    }  # fmt: skip


@time_machine.travel(NOVEMBER_3, tick=False)
def test_the_dashboard_shows_this_month_so_far_against_the_same_days_before(board):
    council.build()
    page = board.get(reverse("reporting:dashboard"))
    assert '<option value="2026-11-to-03">1 to 3 November 2026 (this month so far)' in page.text
    so_far = board.get(reverse("reporting:dashboard"), {"period": "2026-11-to-03"}).text
    assert "Board figures: 1 to 3 November 2026" in so_far
    assert "Compared with 1 to 3 October 2026 and with 1 to 3 November 2025." in so_far
    # No Regulation 44 visit is due before the month ends.
    assert "The share of Regulation 44 visits made on time: no figures for 1 to 3 November" in (
        so_far
    )
    # The PDF reports are of whole periods only.
    refused = board.post(reverse("reporting:request"), {"period": "2026-11-to-03"})
    assert refused.status_code == 400


@time_machine.travel(NOVEMBER_3, tick=False)
def test_the_report_job_stores_the_figures_the_dashboard_reads(board, board_member):
    council.build()
    report = BoardReport.objects.create(
        period_type="month", period_start=D(2026, 10, 1), requested_by=board_member
    )
    services.generate(report)
    assert FiguresSnapshot.objects.filter(code="2026-10").exists()
    html, queries = _view(board)
    assert queries <= 8 and _occupancy(html) == "66%"


@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOVEMBER_3, tick=False)
def test_an_old_snapshot_is_worked_out_again_by_one_request_only(board, on_postgres):
    """While one request works the figures out again (holding the row), others show the old."""
    council.build()
    tasks.refresh_board_figures()
    snapshot = FiguresSnapshot.objects.get(code="2026-10")
    FiguresSnapshot.objects.filter(pk=snapshot.pk).update(data_version=-1)
    later = datetime.datetime(2026, 11, 3, 9, 30)
    with time_machine.travel(later, tick=False):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT 1 FROM reporting_figuressnapshot WHERE id = %s FOR UPDATE",
                    [snapshot.pk],
                )
                html, _ = _view(board)
                cursor.execute("ROLLBACK")
        finally:
            other.close()
    assert "Records have changed since then" in html


def test_every_kind_of_write_puts_the_stored_figures_out_of_date(
    db, social_worker, django_capture_on_commit_callbacks
):
    """Saves through the ORM are heard by signal; generate_synthetic's COPY says so itself."""
    start = freshness.current()
    with django_capture_on_commit_callbacks(execute=True):
        HomeFactory()
    after_save = freshness.current()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_synthetic", children=20, homes=9, stdout=io.StringIO())
    assert start < after_save < freshness.current()
