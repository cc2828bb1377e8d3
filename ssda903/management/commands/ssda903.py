"""`ssda903 export --year 2026 --out DIR`, `ssda903 validate --year 2026` and
`ssda903 import DIR [--prev DIR]`."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from core.dates import today
from ssda903 import importer, services, years
from ssda903.tables import CollectionYear
from ssda903.validator import KNOWN_FAULTS, ReturnUnreadable


class Command(BaseCommand):
    help = "The SSDA903 children-looked-after return: export its files, or check them with the DfE rules."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Write the return's CSV files (and XML)")
        validate = commands.add_parser("validate", help="Check the return with the DfE rules")
        for sub in (export, validate):
            sub.add_argument(
                "--year",
                type=int,
                required=True,
                help="Collection year, named by its end: 2026 is 1 April 2025 to 31 March 2026",
            )
        export.add_argument("--out", required=True, help="The folder to write the files to")
        export.add_argument(
            "--no-xml",
            action="store_true",
            help="CSV files only: the XML check costs minutes at 100,000 children",
        )
        validate.add_argument(
            "--prev",
            help="A folder with last year's submitted CSV files (default: last year from Homeward)",
        )
        load = commands.add_parser(
            "import", help="Load a council's return (CSV files) into the ledger, all or nothing"
        )
        load.add_argument("folder", help="The folder with this year's CSV files")
        load.add_argument("--prev", help="A folder with last year's CSV files (the history)")
        load.add_argument(
            "--by", help="The administrator the changes are recorded as (default: the first)"
        )

    def handle(self, *args, action, year=None, **options):
        if action == "import":
            return self.load(**options)
        if not years.FIRST_YEAR <= year <= years.LAST_YEAR:
            raise CommandError(
                f"--year must be a collection year from {years.FIRST_YEAR} to {years.LAST_YEAR} "
                "(the DfE rules we have)."
            )
        return getattr(self, action)(CollectionYear.so_far(year, today()), **options)

    def export(self, year, out, no_xml=False, **options):
        made = services.make_return(year, with_xml=not no_xml)
        for path in services.write_folder(made, Path(out)):
            self.stdout.write(str(path))
        for table, rows in made.tables.items():
            self.stdout.write(f"{table}: {len(rows)} rows")
        if made.xml_refused:
            self.stdout.write(
                "No XML: the validator would not read it as the same return ("
                + "; ".join(made.xml_refused)
                + ")."
            )

    def validate(self, year, prev=None, **options):
        previous = _read_folder(Path(prev)) if prev else None
        try:
            outcome = services.check(year, previous)
        except ReturnUnreadable as exc:
            raise CommandError(f"The validator could not read the return: {exc}") from exc
        for error in outcome.errors:
            self.stdout.write(
                f"{error.rule}\t{error.child or '-'}\t{error.table} row {error.row + 1}\t{error.message}"
            )
        for rule in sorted({e.rule for e in outcome.errors} & KNOWN_FAULTS.keys()):
            self.stderr.write(f"Note: rule {rule} has a known fault. {KNOWN_FAULTS[rule]}")
        for rule in outcome.crashed:
            self.stderr.write(
                f"Warning: rule {rule} could not run (a fault in the validator, not in the data)."
            )
        children = len({e.child for e in outcome.errors})
        self.stdout.write(
            f"{year.label}: {len(outcome.errors)} errors for {children} children; "
            f"{outcome.rules_run} rules ran."
        )
        if outcome.errors:
            raise CommandError(f"The return has {len(outcome.errors)} errors.", returncode=1)

    def load(self, folder, prev=None, by=None, **options):
        report = importer.import_return(
            Path(folder), Path(prev) if prev else None, by=_administrator(by)
        )
        for problem in report.problems:
            self.stdout.write(str(problem))
        if report.problems:
            raise CommandError(
                f"Nothing was imported: {len(report.problems)} problems to fix in the files.",
                returncode=1,
            )
        for table, rows in sorted(report.rows.items()):
            self.stdout.write(f"{table}: {rows} rows")
        self.stdout.write(
            f"Imported {report.children} children from the {report.year.label} return "
            f"in {report.seconds:.1f} s."
        )


def _administrator(username):
    users = get_user_model().objects.filter(role=Role.ADMINISTRATOR, is_active=True)
    found = users.filter(username=username).first() if username else users.order_by("pk").first()
    if found is None:
        raise CommandError(
            f"{username} is not an active administrator."
            if username
            else "Add an administrator first: the import is recorded as one."
        )
    return found


def _read_folder(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        raise CommandError(f"--prev {folder} is not a folder.")
    files = {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}
    if not files:
        raise CommandError(f"--prev {folder} has no CSV files.")
    return files
