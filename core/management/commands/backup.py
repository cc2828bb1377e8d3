from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import back_up


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format on PostgreSQL) and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="folder to write (default var/backups/<time>)")

    def handle(self, *args, out=None, **options):
        folder = out or Path(settings.VAR_DIR) / "backups" / timezone.now().strftime(
            "%Y%m%d-%H%M%S"
        )
        for written in back_up(folder):
            self.stdout.write(f"wrote {written}")
