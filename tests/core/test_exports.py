"""Lists as files (core/exports.py, audit/exports.py): what a spreadsheet gets, formula
injection, bounded chunks, refusals and the audit trail."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from audit import exports as audited
from audit.models import AuditEvent
from children.models import Child
from core import exports
from core.exports import Column, Export
from tests.downloads import downloaded

DANGEROUS = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]

COLUMNS = (
    Column("Name", "name"),
    Column("Count", "count"),
    Column("Since", "since"),
    Column("Upper", lambda row: row.name.upper()),
    Column("Nested", "inner.label"),
)


def _row(name, count=1, since=datetime.date(2026, 3, 4), inner=None):
    return SimpleNamespace(name=name, count=count, since=since, inner=inner)


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert exports.safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Oak House", "a = b", "3 - 2", "name@example.org", ""])
def test_ordinary_text_is_left_alone(value):
    assert exports.safe_cell(value) == value


def test_numbers_dates_and_yes_no_stay_what_they_are():
    assert exports.safe_cell(-3) == -3
    assert exports.safe_cell(Decimal("-12.50")) == Decimal("-12.50")
    assert exports.safe_cell(datetime.date(2026, 1, 2)) == datetime.date(2026, 1, 2)
    assert exports.safe_cell(True) == "Yes" and exports.safe_cell(None) == ""


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_both_formats_read_back_the_same_escaped_cells(fmt):
    rows = [
        _row(text, count=-n, inner=SimpleNamespace(label="x")) for n, text in enumerate(DANGEROUS)
    ]
    rows.append(_row("Plain", since=None))
    read = downloaded(exports.download(fmt, "Test list", COLUMNS, rows))
    assert read[0] == ["Name", "Count", "Since", "Upper", "Nested"]
    # XML (inside an XLSX) stores a carriage return as a line feed.
    expected = ["'" + text for text in DANGEROUS] + ["Plain"]
    assert [r[0].replace("\r", "\n") for r in read[1:]] == [e.replace("\r", "\n") for e in expected]
    assert [r[1] for r in read[1:]] == [str(-n) for n in range(len(DANGEROUS))] + ["1"]
    assert read[1][2] == "2026-03-04" and read[-1][2] == ""
    assert read[1][3] == '\'=HYPERLINK("HTTP://X")'  # computed columns are escaped too
    assert read[-1][4] == ""  # a missing object on the dotted path is an empty cell


def test_xlsx_drops_control_characters_it_cannot_hold():
    read = downloaded(exports.download("xlsx", "Test", COLUMNS[:1], [_row("Bell\x07 end")]))
    assert read[1] == ["Bell end"]


def test_rows_are_prepared_a_chunk_at_a_time():
    seen = []

    def prepare(chunk):
        seen.append(len(chunk))
        return [n * 10 for n in chunk]

    assert list(exports.in_chunks(range(5), prepare, size=2)) == [0, 10, 20, 30, 40]
    assert seen == [2, 2, 1]


NAMED = Export(title="Named", model=Child, columns=(Column("Name", "full_name"),))


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["board_member", "visitor"])
def test_a_download_naming_children_is_refused_to_who_may_open_no_child_record(
    request, role_fixture
):
    web = RequestFactory().get("/children/search/export.csv")
    web.user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        audited.download(web, "csv", NAMED, Child.objects.all())
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.django_db
def test_an_unknown_format_is_not_found(social_worker):
    web = RequestFactory().get("/children/search/export.pdf")
    web.user = social_worker
    with pytest.raises(Http404):
        audited.download(web, "pdf", NAMED, Child.objects.all())


@pytest.mark.django_db
def test_each_download_is_audited_with_its_rows_and_filters(social_worker):
    web = RequestFactory().get("/children/search/export.xlsx", {"q": "Ann"})
    web.user = social_worker
    response = audited.download(
        web, "xlsx", NAMED, Child.objects.none(), chosen={"Search": "Ann", "Status": "Care leaver"}
    )
    assert downloaded(response) == [["Name"]]
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.user, event.action, event.object_type) == (
        social_worker,
        AuditEvent.Action.EXPORT,
        "children.child",
    )
    assert event.object_label == "Named: 0 rows as XLSX (Search: Ann; Status: Care leaver)"
