import logging

from django.core.management.base import BaseCommand

from demo.seed import seed_demo
from demo.seed_data import DEMO_PASSWORD, DEMO_TOTP_KEY, STAFF


class Command(BaseCommand):
    help = "Load the demo council (Leeds): homes, carers, children, history and demo users."

    def handle(self, *args, **options):
        # The demo's reports are PDFs; WeasyPrint's page-by-page progress is noise here.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        if seed_demo():
            self.stdout.write(self.style.SUCCESS("Demo council loaded."))
        else:
            self.stdout.write("Demo data is already loaded; nothing changed.")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for username, (first, last, _role, title, signs_in) in STAFF.items():
            if signs_in:
                self.stdout.write(f"  {username:<18} {first} {last}, {title}")
        self.stdout.write(
            f"Two-factor sign-in: add the key {DEMO_TOTP_KEY} to an authenticator app, "
            "or run `python manage.py demo_code` for the current code (board.member needs none)."
        )
