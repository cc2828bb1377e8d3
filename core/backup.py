"""Backups: the database (pg_dump's custom format on PostgreSQL, a page-by-page copy on SQLite)
and the media files, side by side in one folder; and putting them back."""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_FILE = "media.tar.gz"


def _database():
    return connections["default"]


def _pg_command(program: str, *args: str) -> None:
    db = _database().settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    target = ["-h", db.get("HOST") or "localhost", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        target += ["-U", db["USER"]]
    target.append(f"--dbname={db['NAME']}")
    subprocess.run([program, *target, *args], env=env, check=True, capture_output=True, text=True)


def back_up(folder: Path) -> list[Path]:
    """Write the database and the media files into `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    vendor = _database().vendor
    database_file = folder / DATABASE_FILE[vendor]
    if vendor == "postgresql":
        _pg_command("pg_dump", "--format=custom", "--no-owner", f"--file={database_file}")
    else:
        with (
            closing(sqlite3.connect(_database().settings_dict["NAME"])) as source,
            closing(sqlite3.connect(database_file)) as copy,
        ):
            source.backup(copy)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_FILE, "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    return [database_file, folder / MEDIA_FILE]


def restore(folder: Path) -> None:
    """Replace the database's contents and add the media files from a backup folder."""
    vendor = _database().vendor
    database_file = folder / DATABASE_FILE[vendor]
    if not database_file.exists():
        raise FileNotFoundError(f"{database_file} is missing: not a {vendor} backup")
    connections.close_all()
    if vendor == "postgresql":
        _pg_command(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            str(database_file),
        )
    else:
        shutil.copyfile(database_file, _database().settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_FILE, "r:gz") as archive:
        archive.extractall(media, filter="data")
