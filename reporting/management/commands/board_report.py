"""Write the Corporate Parenting Board report for a month or a quarter to a PDF file.

python manage.py board_report --period 2026-10 --out report.pdf
python manage.py board_report --quarter 2026-Q3 --out report.pdf

The figures are worked out afresh (and stored for the dashboard), so the time it prints is the
whole cost of a report.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reporting import periods, services


class Command(BaseCommand):
    help = "Write the Corporate Parenting Board report for a month or a calendar quarter."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--period", help="A month, e.g. 2026-10")
        which.add_argument("--quarter", help="A calendar quarter, e.g. 2026-Q3 (July to September)")
        parser.add_argument("--out", required=True, help="Where to write the PDF")

    def handle(self, *args, period=None, quarter=None, out, **options):
        text = period or quarter
        try:
            chosen = periods.parse(text)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if (period and chosen.kind != periods.MONTH) or (
            quarter and chosen.kind != periods.QUARTER
        ):
            raise CommandError(f"'{text}' does not fit --{'period' if period else 'quarter'}.")
        started = time.perf_counter()
        pdf = services.render_pdf(chosen, afresh=True)
        Path(out).write_bytes(pdf)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {out} ({len(pdf) // 1024} KiB) for {chosen.label} in {seconds:.2f} s"
        )
