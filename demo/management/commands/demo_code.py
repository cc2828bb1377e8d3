from base64 import b32decode

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from demo.seed_data import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the demo users' current two-factor code (demo only: their shared app key)."

    def handle(self, *args, **options):
        self.stdout.write(f"{TOTP(b32decode(DEMO_TOTP_KEY)).token():06d}")
