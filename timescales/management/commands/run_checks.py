import datetime

from django.core.management.base import BaseCommand, CommandError

from core.dates import today
from timescales import services


class Command(BaseCommand):
    help = "Run every stay-limit and statutory-timescale check for a day, and send the digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="The day to check, YYYY-MM-DD (default: today in the UK)"
        )
        parser.add_argument("--no-email", action="store_true", help="Do not send digest emails")

    def handle(self, *args, date=None, no_email=False, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else today()
        except ValueError as exc:
            raise CommandError(f"--date must be a date as YYYY-MM-DD, not {date!r}.") from exc
        summary = services.run_day(day, send_email=not no_email)
        self.stdout.write(f"Checks for {day:%d/%m/%Y}:")
        for rule, counts in summary["checks"].items():
            self.stdout.write(
                f"  {rule}: {counts['found']} found, {counts['opened']} opened, "
                f"{counts['closed']} closed, {counts['told']} notified"
            )
        self.stdout.write(
            f"Extension requests closed (the child had left): {summary['extensions_closed']}"
        )
        self.stdout.write(f"Digest emails sent: {summary['emails']}")
