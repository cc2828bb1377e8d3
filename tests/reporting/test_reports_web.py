"""Asking for a report, watching it being made, downloading it; the dashboard; the monthly
pack and the command."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from reporting import services, tasks
from reporting.models import BoardReport

from . import council

NOVEMBER_3 = datetime.datetime(2026, 11, 3, 9, 0)


@pytest.fixture
def board(client, board_member):
    client.force_login(board_member)
    return client


@time_machine.travel(NOVEMBER_3, tick=False)
def test_board_member_asks_for_a_report_and_downloads_it(
    board, board_member, django_capture_on_commit_callbacks
):
    council.build()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = board.post(reverse("reporting:request"), {"period": "2026-Q3"})
    report = BoardReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reporting:detail", args=[report.pk]
    )
    assert (report.period_type, report.period_start, report.requested_by) == (
        "quarter",
        datetime.date(2026, 7, 1),
        board_member,
    )
    assert report.status == BoardReport.Status.QUEUED and len(queued) == 1

    waiting = board.get(
        reverse("reporting:detail", args=[report.pk]), headers={"HX-Request": "true"}
    )
    assert 'aria-live="polite"' in waiting.text and "hx-trigger" in waiting.text
    assert "Waiting to start" in waiting.text and "<html" not in waiting.text

    assert tasks.generate_board_report(report.pk) == BoardReport.Status.DONE
    assert tasks.generate_board_report(report.pk) == BoardReport.Status.DONE  # redelivery: no rerun
    ready = board.get(reverse("reporting:detail", args=[report.pk]))
    assert "Ready" in ready.text and "hx-trigger" not in ready.text

    download = board.get(reverse("reporting:download", args=[report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "corporate-parenting-board-report-2026-Q3.pdf" in download["Content-Disposition"]
    listing = board.get(reverse("reporting:list"))
    assert "July to September 2026" in listing.text and "Download" in listing.text


@time_machine.travel(NOVEMBER_3, tick=False)
def test_a_period_not_offered_is_refused_with_a_message(board):
    for bad in ("2031-01", "nonsense", ""):
        response = board.post(reverse("reporting:request"), {"period": bad})
        assert response.status_code == 400
        assert "Choose a month or a quarter" in response.text
    assert not BoardReport.objects.exists()
    page = board.get(reverse("reporting:dashboard"), {"period": "2026-13"})
    assert page.status_code == 200 and "Choose a month or a quarter from the list" in page.text


def test_a_failure_is_recorded_for_the_person_who_asked(db, board_member, monkeypatch):
    def broken(period, progress=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "render_pdf", broken)
    report = BoardReport.objects.create(
        period_type="month", period_start=datetime.date(2026, 10, 1), requested_by=board_member
    )
    services.generate(report)
    report.refresh_from_db()
    assert report.status == BoardReport.Status.FAILED and "RuntimeError" in report.error
    assert not report.file


@time_machine.travel(NOVEMBER_3, tick=False)
def test_dashboard_shows_the_measures_with_suppression(board):
    town = council.build()
    page = board.get(reverse("reporting:dashboard"), {"period": "2026-10"})
    assert page.status_code == 200
    assert "Board figures: October 2026" in page.text
    assert "66%" in page.text and "fewer than 6" in page.text and "<svg" in page.text
    assert "Requires improvement to be good" in page.text  # homes are counted by rating
    for child in town.children.values():
        assert escape(child.full_name) not in page.text and child.local_id not in page.text


@time_machine.travel(NOVEMBER_3, tick=False)
def test_monthly_pack_is_made_once_for_last_month(db):
    council.build()
    first = tasks.monthly_board_pack()
    report = BoardReport.objects.get(pk=first)
    assert (report.period.code, report.requested_by, report.status) == ("2026-10", None, "done")
    assert report.file.read().startswith(b"%PDF")
    assert tasks.monthly_board_pack() == first
    assert BoardReport.objects.count() == 1


def test_command_writes_a_pdf_for_a_quarter(db, tmp_path):
    council.build()
    out = tmp_path / "board.pdf"
    call_command("board_report", "--quarter", "2026-Q3", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError):
        call_command("board_report", "--period", "2026-Q3", "--out", str(out))
    with pytest.raises(CommandError):
        call_command("board_report", "--period", "2026-14", "--out", str(out))


def test_beat_makes_the_pack_on_the_first_of_each_month(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["monthly-board-pack"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert entry["schedule"].day_of_month == {1}
