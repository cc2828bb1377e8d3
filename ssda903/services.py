"""Writes: the return as files (a folder or a ZIP), and runs of the DfE rules stored for the
data-quality page."""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from children.models import Child
from core.bulk_insert import insert_new
from core.dates import today

from . import csv_writer, export, validator, xml_writer, years
from .models import ReturnError, ValidationRun
from .tables import CollectionYear, Tables

XML_NAME = "SSDA903.xml"


@dataclass
class ReturnFiles:
    year: CollectionYear
    tables: Tables
    files: dict[str, bytes]  # file name -> content, the XML only when the validator reads it alike
    xml_refused: list[str]  # why the XML was left out (empty when it is in `files`)


def make_return(year: CollectionYear, with_xml: bool = True) -> ReturnFiles:
    """The return's CSV files, and its XML when the validator reads it as the same tables."""
    tables = export.build(year)
    files = csv_writer.tables_csv(tables)
    refused = []
    if with_xml:
        xml = xml_writer.build_xml(tables)
        refused = xml_writer.differences(
            tables, validator.read_xml(xml), validator.read_csvs(files)
        )
        if not refused:
            files[XML_NAME] = xml
    return ReturnFiles(year, tables, files, refused)


def write_folder(made: ReturnFiles, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in made.files.items():
        (folder / name).write_bytes(content)
        written.append(folder / name)
    return written


def zip_bytes(made: ReturnFiles) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in made.files.items():
            archive.writestr(name, content)
    return out.getvalue()


def check(year: CollectionYear, previous: dict[str, bytes] | None = None) -> validator.Outcome:
    """Run the DfE rules on the year's return, with last year's (from the ledger unless given)."""
    this_year = csv_writer.tables_csv(export.build(year))
    if previous is None:
        previous = csv_writer.tables_csv(export.build(year.previous))
    return validator.run_rules(this_year, year.year, settings.COUNCIL_LA_CODE, previous)


def validate_return_so_far(trigger: str, *, by=None, day=None) -> ValidationRun:
    """Run the rules on this collection year's return so far and store what they found.
    A failure is stored on the run (and raised again) so the page can say so."""
    year = CollectionYear.containing(day or today())
    run = ValidationRun.objects.create(
        year=year.year, as_of=year.last_day, trigger=trigger, requested_by=by
    )
    if year.year > years.LAST_YEAR:  # a new year, before the validator has its rules
        run.failure = (
            f"The DfE rules for {year.label} are not in the validator Homeward uses yet "
            f"(it has them to {CollectionYear(years.LAST_YEAR).label}): update "
            "csc-validator-be-903 when the DfE publishes them"
        )
        run.finished_at = timezone.now()
        run.save(update_fields=["failure", "finished_at"])
        return run
    try:
        outcome = check(year)
    except Exception as exc:
        run.failure = f"{type(exc).__name__}: {exc}"[:2000]
        run.finished_at = timezone.now()
        run.save(update_fields=["failure", "finished_at"])
        raise
    with transaction.atomic():
        _store(run, outcome)
    return run


def _store(run: ValidationRun, outcome: validator.Outcome) -> None:
    """Every error in one statement (PostgreSQL), each linked to its child by one lookup."""
    refs = {e.child for e in outcome.errors if e.child}
    child_ids = dict(Child.objects.filter(local_id__in=refs).values_list("local_id", "pk"))
    rows = [
        (run.pk, e.rule, e.message, e.table, e.row, e.child, child_ids.get(e.child))
        for e in outcome.errors
    ]
    columns = ["run_id", "rule", "message", "table", "row", "child_ref", "child_id"]
    insert_new(ReturnError, columns, rows, returning=["id"])
    run.error_count = len(rows)
    run.children_with_errors = len({e.child for e in outcome.errors if e.child})
    run.rules_run = outcome.rules_run
    run.crashed_rules = outcome.crashed
    run.succeeded = True
    run.finished_at = timezone.now()
    run.save()
