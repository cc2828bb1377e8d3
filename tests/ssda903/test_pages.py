"""The data-quality page, the button, the ZIP download (administrators only, audited), a
child's errors on their record, a social worker's on My work, and the board report's line."""

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEvent
from reporting import periods, sections
from ssda903 import tasks
from ssda903.models import ReturnDownload, ReturnError, ValidationRun
from tests.factories import ChildFactory, PlacementFactory, UserFactory

D = datetime.date
pytestmark = pytest.mark.django_db
PAGE = reverse("ssda903:data_quality")
TODAY = D(2026, 12, 6)


def _run(errors, as_of=TODAY, **fields):
    """A stored run: errors as (rule, message, child)."""
    run = ValidationRun.objects.create(
        year=2027,
        as_of=as_of,
        trigger="daily",
        succeeded=True,
        finished_at=timezone.now(),
        **fields,
    )
    ReturnError.objects.bulk_create(
        ReturnError(
            run=run,
            rule=rule,
            message=message,
            table="Episodes",
            row=i,
            child_ref=child.local_id,
            child=child,
        )
        for i, (rule, message, child) in enumerate(errors)
    )
    run.error_count = len(errors)
    run.children_with_errors = len({c.pk for _, _, c in errors})
    run.save()
    return run


def test_page_lists_errors_by_rule_and_by_child_with_links(client, administrator):
    ava, ben = (
        ChildFactory(first_name="Ava", last_name="Stone"),
        ChildFactory(first_name="Ben", last_name="Hill"),
    )
    _run(
        [
            ("218", "Ofsted URN is required.", ava),
            ("218", "Ofsted URN is required.", ben),
            ("442", "UPN not completed.", ava),
        ]
    )
    client.force_login(administrator)
    page = client.get(PAGE).content.decode()
    assert "Ofsted URN is required." in page and "UPN not completed." in page
    assert reverse("children:detail", args=[ava.pk]) in page and "Ava Stone" in page
    assert "?rule=218" in page
    assert "Known fault in the validator:</strong> Wrong for short breaks" in page
    assert page.count("Known fault in the validator") == 1  # 442 has none
    only_442 = client.get(PAGE, {"rule": "442"}).content.decode()
    assert "Ava Stone" in only_442 and "Ben Hill" not in only_442.split('id="by-child"')[1]


def test_page_shows_the_trend_of_the_last_runs(client, administrator):
    child = ChildFactory()
    for day, n in ((D(2026, 12, 4), 5), (D(2026, 12, 5), 4), (D(2026, 12, 6), 2)):
        _run([("218", "URN", child)] * n, as_of=day)
    client.force_login(administrator)
    page = client.get(PAGE).content.decode()
    trend = page.split('id="trend"')[1]
    counts = [int(cell.split("<")[0]) for cell in trend.split('govuk-table__cell--numeric">')[1::2]]
    assert counts == [5, 4, 2]


def test_page_before_any_check_and_after_a_failed_one(client, administrator):
    client.force_login(administrator)
    assert "has not been checked yet" in client.get(PAGE).content.decode()
    ValidationRun.objects.create(year=2027, as_of=D(2026, 12, 6), trigger="daily", failure="Boom")
    assert "did not finish (Boom)" in client.get(PAGE).content.decode()


def _page_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE).status_code == 200
    return len(captured)


def test_page_runs_the_same_number_of_queries_for_more_errors(client, administrator):
    client.force_login(administrator)
    _run([("218", "URN", ChildFactory()) for _ in range(2)])
    few = _page_queries(client)
    _run([(str(100 + i % 7), f"Rule {i % 7}", ChildFactory()) for i in range(60)])
    assert _page_queries(client) == few


def test_button_queues_a_check(client, administrator, monkeypatch):
    queued = []
    monkeypatch.setattr(
        tasks.validate_return_now, "apply_async", lambda args, **options: queued.append(args)
    )
    client.force_login(administrator)
    response = client.post(reverse("ssda903:check_now"))
    assert response.status_code == 302 and queued == [(administrator.pk,)]


def test_administrator_downloads_a_zip_of_the_return_and_it_is_audited(client, administrator):
    PlacementFactory(child=ChildFactory(local_id="A1"), start_date=D(2025, 5, 1))
    client.force_login(administrator)
    response = client.get(reverse("ssda903:download", args=[2026]))
    assert response["Content-Type"] == "application/zip"
    assert "SSDA903-2025-26-20260331.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "Episodes.csv" in archive.namelist() and "SSDA903.xml" in archive.namelist()
    assert archive.read("Episodes.csv").decode().splitlines()[1].startswith("A1,01/05/2025,")
    download = ReturnDownload.objects.get()
    assert download.downloaded_by == administrator and download.files["Episodes"] == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.user == administrator and event.object_id == str(download.pk)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_no_one_else_may_download_the_return(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("ssda903:download", args=[2026])).status_code == 403
    assert not ReturnDownload.objects.exists()


def test_a_year_without_rules_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("ssda903:download", args=[2019])).status_code == 404


def test_a_childs_record_shows_their_own_errors(client, administrator):
    ava, ben = ChildFactory(), ChildFactory()
    _run([("218", "Ofsted URN is required.", ava), ("442", "UPN not completed.", ben)])
    client.force_login(administrator)
    page = client.get(reverse("children:detail", args=[ava.pk])).content.decode()
    assert 'id="return-903"' in page and "Ofsted URN is required." in page
    assert "UPN not completed." not in page


def test_a_social_worker_sees_their_childrens_errors_on_my_work(client, social_worker):
    mine = ChildFactory(social_worker=social_worker, first_name="Ava", last_name="Stone")
    theirs = ChildFactory(first_name="Someone", last_name="Else")
    _run([("218", "URN", mine), ("442", "UPN", mine), ("218", "URN", theirs)])
    client.force_login(social_worker)
    page = client.get(reverse("accounts:my_work")).content.decode()
    assert "Ava Stone</a>: 2 errors" in page
    assert "Someone Else" not in page


def test_the_board_report_has_the_line(board_member):
    child = ChildFactory()
    _run([("218", "URN", child)] * 3, as_of=D(2026, 11, 1))
    _run([("218", "URN", child)] * 5, as_of=D(2026, 12, 6))
    report = sections.build(periods.last_complete(D(2026, 12, 6), periods.MONTH))
    line = next(s for s in report.sections if s.slug == "statutory-return").sentence
    assert line == "903 errors today: 5 (last month 3)"


def test_only_the_administrator_has_the_page_in_the_navigation(
    client, administrator, social_worker
):
    for user, shown in ((administrator, True), (social_worker, False)):
        client.force_login(user)
        page = client.get(reverse("accounts:my_work")).content.decode()
        assert (f'href="{PAGE}"' in page) is shown
