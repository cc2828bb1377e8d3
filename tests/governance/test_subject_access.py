"""A subject access request: the administrator, and only the administrator, downloads
everything held about one child as a PDF and as CSV files; each download is audited."""

import csv
import datetime
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from children.models import LegalStatusRecord
from inspections.models import Incident
from placements import missing
from tests.factories import ChildFactory, PlacementFactory, UserFactory
from tests.pdfs import pdf_text
from timescales import services as timescales

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)


@pytest.fixture
def child(social_worker):
    with time_machine.travel(NOW, tick=False):
        child = ChildFactory(first_name="Aisha", last_name="Khan", social_worker=social_worker)
        stay = PlacementFactory(child=child, start_date=datetime.date(2026, 1, 5))
        for initials, day in (("A.K.", 5), ("ZK", 6), ("AK", 7)):  # the last: before her stay
            Incident.objects.create(
                home=stay.home, kind="other", child_initials=initials, summary=f"Log {day}",
                occurred_on=datetime.date(2026, 2 if day < 7 else 1, day if day < 7 else 1),
            )  # fmt: skip
        LegalStatusRecord.objects.create(
            child=child, legal_status="C2", start_date=datetime.date(2026, 1, 5)
        )
        timescales.record_review(
            child=child, held_on=datetime.date(2026, 2, 1), participation="PN1", by=social_worker
        )
        missing.record_missing(
            child=child,
            kind="M",
            started_at=datetime.datetime(2026, 3, 1, 20, tzinfo=datetime.UTC),
            ended_at=datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC),
            by=social_worker,
        )
    return child


@pytest.fixture
def someone_else():
    PlacementFactory(child=ChildFactory(first_name="Zed", last_name="Other"))


def _urls(child):
    return [
        reverse("governance:subject_access", args=[child.pk]),
        reverse("governance:subject_access_download", args=[child.pk, "zip"]),
    ]


@pytest.mark.parametrize(
    "role",
    [
        Role.SOCIAL_WORKER,
        Role.HOME_MANAGER,
        Role.INDEPENDENT_VISITOR,
        Role.BOARD_MEMBER,
        Role.PERSONAL_ADVISER,
    ],  # fmt: skip
)
def test_only_the_administrator_may_ask(client, child, role):
    client.force_login(UserFactory(role=role))
    for url in _urls(child):
        assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_signed_out_people_are_sent_to_sign_in(client, child):
    for url in _urls(child):
        assert client.get(url).status_code == 302


def test_the_page_offers_both_downloads(client, administrator, child):
    client.force_login(administrator)
    page = client.get(_urls(child)[0]).content.decode()
    assert "Download as a PDF" in page and "Download as CSV files (ZIP)" in page


@time_machine.travel(NOW, tick=False)
def test_the_zip_holds_every_record_about_the_child_and_no_one_else(
    client, administrator, child, someone_else, django_assert_max_num_queries
):
    client.force_login(administrator)
    with django_assert_max_num_queries(80):
        response = client.get(_urls(child)[1])
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    names = " ".join(files)
    for part in ("the-childs-record", "placements", "legal-status", "looked-after-reviews",
                 "missing-episodes", "social-worker-episodes", "903-return", "who-viewed"):  # fmt: skip
        assert part in names, part
    everything = " ".join(files.values())
    assert "Aisha" in everything and "Zed" not in everything
    missing_file = next(text for name, text in files.items() if "missing-episodes" in name)
    rows = list(csv.reader(io.StringIO(missing_file)))
    assert len(rows) == 2 and "Missing" in rows[1]
    incidents = next(text for name, text in files.items() if "incidents" in name)
    assert "Log 5" in incidents and "Log 6" not in incidents and "Log 7" not in incidents
    trail = next(text for name, text in files.items() if "who-viewed" in name)
    assert "Created" in trail and "Aisha" in trail

    exported = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (exported.user, exported.object_id) == (administrator, str(child.pk))
    assert "ZIP" in exported.changes["subject access request"][1]


@time_machine.travel(NOW, tick=False)
def test_the_pdf_reads_as_the_record(client, administrator, child):
    client.force_login(administrator)
    response = client.get(reverse("governance:subject_access_download", args=[child.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Everything held about Aisha Khan" in text
    assert "Looked after reviews" in text and "Who viewed or changed these records" in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, user=administrator).exists()


def test_an_unknown_format_is_not_found(client, administrator, child):
    client.force_login(administrator)
    url = reverse("governance:subject_access_download", args=[child.pk, "exe"])
    assert client.get(url).status_code == 404


def test_the_childs_record_links_to_it_for_the_administrator_only(
    client, administrator, social_worker, child
):
    link = reverse("governance:subject_access", args=[child.pk])
    for user, shown in ((administrator, True), (social_worker, False)):
        client.force_login(user)
        page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
        assert (link in page) is shown


def _queries(client, child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as run:
        assert client.get(_urls(child)[1]).status_code == 200
    return len(run.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_the_download_runs_the_same_queries_however_much_is_held(
    client, administrator, child, social_worker
):
    client.force_login(administrator)
    few = _queries(client, child)
    for day in (2, 3, 4):
        stay = PlacementFactory(child=child, start_date=datetime.date(2025, day, 1),
                                end_date=datetime.date(2025, day, 20))  # fmt: skip
        missing.record_missing(
            child=child, kind="A", by=social_worker,
            started_at=datetime.datetime(2025, day, 5, 20, tzinfo=datetime.UTC),
            ended_at=datetime.datetime(2025, day, 6, 8, tzinfo=datetime.UTC),
        )  # fmt: skip
        assert stay
    assert _queries(client, child) == few
