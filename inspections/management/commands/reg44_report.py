"""Write a Regulation 44 visit's report as a PDF: the stored one once submitted, else a draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections import pdf
from inspections.models import Reg44Visit


class Command(BaseCommand):
    help = "Write the PDF report of a Regulation 44 visit."

    def add_arguments(self, parser):
        parser.add_argument("visit_id", type=int)
        parser.add_argument("--out", required=True, help="Where to write the PDF")

    def handle(self, visit_id, out, **options):
        try:
            visit = Reg44Visit.objects.select_related("home", "visitor").get(pk=visit_id)
        except Reg44Visit.DoesNotExist as exc:
            raise CommandError(f"No Regulation 44 visit has the id {visit_id}.") from exc
        if visit.report_pdf:
            with visit.report_pdf.open("rb") as stored:
                data = stored.read()
        else:
            data = pdf.visit_report(visit)
        Path(out).write_bytes(data)
        self.stdout.write(f"Wrote {visit} ({len(data):,} bytes) to {out}")
