"""`ssda903 import`: a return written by hand goes into the ledger through its services and
comes back out of the export as the same rows, passing the DfE rules."""

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from children.models import Child
from placements.models import Placement
from ssda903 import csv_writer, export, importer, services
from ssda903.tables import CollectionYear

from . import hand_return

pytestmark = pytest.mark.django_db
YEAR = CollectionYear(2026)


@pytest.fixture
def folders(tmp_path):
    hand_return.write(tmp_path / "2026", hand_return.THIS_YEAR)
    hand_return.write(tmp_path / "2025", hand_return.LAST_YEAR)
    return tmp_path / "2026", tmp_path / "2025"


def _lines(text: str) -> list[str]:
    header, *rows = text.strip().splitlines()
    return [header, *sorted(rows)]


def test_a_return_round_trips_through_the_ledger_with_no_errors(folders):
    by = hand_return.set_up_the_council()
    report = importer.import_return(*folders, by=by)
    assert report.problems == []
    assert (report.children, report.year) == (6, YEAR)
    exported = csv_writer.tables_csv(export.build(YEAR))
    for name, text in hand_return.THIS_YEAR.items():
        assert _lines(exported[name].decode()) == _lines(text), name
    assert {name for name, content in exported.items() if content.count(b"\n") > 1} == set(
        hand_return.THIS_YEAR
    )
    outcome = services.check(YEAR)
    assert outcome.errors == []
    assert outcome.rules_run > 250


def test_the_import_goes_through_the_ledger_and_is_audited(folders):
    by = hand_return.set_up_the_council()
    before = AuditEvent.objects.count()
    importer.import_return(*folders, by=by)
    # every row the import wrote is in the trail as the importing person's
    assert set(AuditEvent.objects.order_by("pk")[before:].values_list("user", flat=True)) == {by.pk}
    out_of_area = Child.objects.get(local_id="RT0003")
    stay = Placement.objects.get(child=out_of_area)
    assert (stay.home.ofsted_urn, stay.outside_council_area) == ("SC561293", True)
    assert list(out_of_area.legal_statuses.values_list("legal_status", flat=True)) == ["C2", "C1"]
    assert Child.objects.get(local_id="RT0005").status == "care_leaver"
    assert Child.objects.get(local_id="RT0002").status == "closed"
    assert AuditEvent.objects.filter(user=by, action=AuditEvent.Action.CREATE).count() > 30


def test_the_command_imports_and_says_what(folders, capsys):
    hand_return.set_up_the_council()
    call_command("ssda903", "import", str(folders[0]), "--prev", str(folders[1]))
    out = capsys.readouterr().out
    assert "Episodes: 8 rows" in out
    assert "Imported 6 children from the 2025-26 return" in out


def test_a_second_import_of_the_same_children_is_refused_and_changes_nothing(folders):
    by = hand_return.set_up_the_council()
    assert importer.import_return(*folders, by=by).imported
    stays = Placement.objects.count()
    again = importer.import_return(*folders, by=by)
    assert len(again.problems) == 6
    assert str(again.problems[0]) == (
        "Header.csv line 2: A child with this local identifier is already recorded. Find them "
        "with the search instead of adding them again. Another child already has that unique "
        "pupil number."
    )
    assert Placement.objects.count() == stays
