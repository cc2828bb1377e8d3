"""kombu's filesystem transport (the broker of `make run`, no Redis) with messages that appear
whole. kombu writes a message into its final file name, so a worker polling the folder can take
the file before the bytes are in it, read nothing and stop ("Unrecoverable error:
JSONDecodeError"). Here each message is written under a name no queue reads, then renamed:
a rename within one folder is atomic, so a worker sees the whole message or none."""

import os
import time
import uuid

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
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
