"""kombu's filesystem transport (the broker of `make run`, no Redis) with messages that appear
whole. kombu writes a message into its final file name, so a worker polling the folder can take
the file before the bytes are in it, read nothing and stop ("Unrecoverable error:
JSONDecodeError"). Here each message is written under a name no queue reads, then renamed:
a rename within one folder is atomic, so a worker sees the whole message or none.

Its URL is `atomic-filesystem://` (the settings' default without Redis), registered as a
transport name when this module is imported (by config.celery, before any connection)."""

import os
import time
import uuid

from kombu.exceptions import ChannelError
from kombu.transport import TRANSPORT_ALIASES, filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

# Names a queue reads end in ".<queue>.msg"; a half-written message ends in ".part".
PART = ".part"


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(time.monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        part = final + PART
        try:
            with open(part, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(part, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel


# kombu has no registry call for a transport of one's own; its table of names is the way in.
TRANSPORT_ALIASES["atomic-filesystem"] = f"{__name__}:Transport"
