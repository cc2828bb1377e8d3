"""A report nobody is making says so: after a minute in the queue, the page tells the reader
that no worker has picked it up, and for how long."""

import datetime

import time_machine
from django.urls import reverse

from reporting import tasks
from reporting.models import BoardReport

ASKED = datetime.datetime(2026, 11, 3, 9, 0, tzinfo=datetime.UTC)
NO_WORKER = "Queued: no worker has picked this up for"


def _progress(client, report, when):
    with time_machine.travel(when, tick=False):
        return client.get(
            reverse("reporting:detail", args=[report.pk]), headers={"HX-Request": "true"}
        ).text


def test_a_queued_report_says_no_worker_has_picked_it_up_after_a_minute(client, board_member):
    client.force_login(board_member)
    with time_machine.travel(ASKED, tick=False):
        report = BoardReport.objects.create(
            period_type="month", period_start=datetime.date(2026, 10, 1), requested_by=board_member
        )

    soon = _progress(client, report, ASKED + datetime.timedelta(seconds=50))
    assert "Waiting to start" in soon and NO_WORKER not in soon

    one = _progress(client, report, ASKED + datetime.timedelta(seconds=61))
    assert f"{NO_WORKER} 1 minute." in one
    assert "ask the Homeward administrator to start it" in one
    assert "hx-trigger" in one  # still asking, so the page updates when a worker starts

    seven = _progress(client, report, ASKED + datetime.timedelta(minutes=7, seconds=30))
    assert f"{NO_WORKER} 7 minutes." in seven

    with time_machine.travel(ASKED + datetime.timedelta(minutes=8), tick=False):
        BoardReport.objects.filter(pk=report.pk).update(status=BoardReport.Status.RUNNING)
    running = _progress(client, report, ASKED + datetime.timedelta(minutes=9))
    assert "Being made" in running and NO_WORKER not in running


def test_the_worker_making_it_ends_the_warning(client, board_member, monkeypatch):
    client.force_login(board_member)
    with time_machine.travel(ASKED, tick=False):
        report = BoardReport.objects.create(
            period_type="month", period_start=datetime.date(2026, 10, 1), requested_by=board_member
        )
    monkeypatch.setattr("reporting.services.render_pdf", lambda period, progress: b"%PDF-1.7")
    with time_machine.travel(ASKED + datetime.timedelta(minutes=3), tick=False):
        assert tasks.generate_board_report(report.pk) == BoardReport.Status.DONE
    done = _progress(client, report, ASKED + datetime.timedelta(minutes=4))
    assert "Ready" in done and NO_WORKER not in done
