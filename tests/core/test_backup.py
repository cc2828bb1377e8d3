"""`backup` then `restore` brings back a seeded database and its media files, and the app
serves what was restored."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from children.models import Child
from tests.factories import ChildFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_restored_backup_is_served_as_it_was(on_postgres, client, social_worker, tmp_path):
    child = ChildFactory(first_name="Rosalind", last_name="Backup", social_worker=social_worker)
    default_storage.save("reports/board-2026-10.pdf", ContentFile(b"%PDF-1.7 board pack"))
    call_command("backup", out=tmp_path / "backup")

    Child.objects.filter(pk=child.pk).update(first_name="Changed after the backup")
    ChildFactory(first_name="Made", last_name="Afterwards")
    default_storage.delete("reports/board-2026-10.pdf")

    call_command("restore", tmp_path / "backup")

    assert list(Child.objects.values_list("first_name", flat=True)) == ["Rosalind"]
    with default_storage.open("reports/board-2026-10.pdf") as restored:
        assert restored.read() == b"%PDF-1.7 board pack"
    client.force_login(social_worker)
    page = client.get(reverse("children:detail", args=[child.pk]))
    assert page.status_code == 200
    assert "Rosalind Backup" in page.content.decode()


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="is missing"):
        call_command("restore", tmp_path)
