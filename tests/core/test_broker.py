"""The filesystem broker of `make run`: a worker polling the folder never takes a message that
is still being written (kombu's own transport lets it, and the worker then stops)."""

import os
from queue import Empty

import pytest
from kombu import Connection
from kombu.exceptions import ChannelError

from core import broker


@pytest.fixture
def channel(tmp_path):
    folders = {name: tmp_path / name for name in ("out", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    options = {
        "data_folder_in": str(folders["out"]),
        "data_folder_out": str(folders["out"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
    }
    with Connection("atomic-filesystem://", transport_options=options) as conn:
        yield conn.default_channel


def test_a_message_is_invisible_until_it_is_whole(channel, monkeypatch):
    seen_while_writing = []
    rename = os.replace

    def reader_polls_then_rename(part, final):
        with open(part, "rb") as file:
            assert file.read()  # the bytes are all in the file before it gets a queue's name
        try:
            seen_while_writing.append(channel._get("jobs"))
        except Empty:
            seen_while_writing.append(None)
        rename(part, final)

    monkeypatch.setattr(broker.os, "replace", reader_polls_then_rename)
    channel._put("jobs", {"task": "run_daily_checks"})

    assert seen_while_writing == [None]
    assert channel._get("jobs") == {"task": "run_daily_checks"}


def test_a_folder_that_cannot_be_written_is_a_clear_channel_error(channel, tmp_path):
    channel.data_folder_out = str(tmp_path / "missing")
    with pytest.raises(ChannelError, match="Cannot add file"):
        channel._put("jobs", {"task": "run_daily_checks"})
