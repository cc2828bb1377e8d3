"""Sending a job to the Celery worker from a request, when the queue (Redis) may be down.

Celery's own `.delay()` retries for tens of seconds and then raises, so a page that asks for a
job would hang and then fail with a server error; and its Redis result store, once its retries
run out, stays broken until the web process restarts. `queue` asks the broker once, keeps no
result (the jobs write what they did to the database), and says whether the job was sent, so the
page can tell the person to try again.
"""

import logging

from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

SEND_RETRIES = 1  # one more try at once: a blip, not an outage


def queue(task, *args) -> bool:
    """Send `task(*args)` to the worker; False if the queue could not be reached."""
    try:
        task.apply_async(
            args=args,
            ignore_result=True,
            retry=True,
            retry_policy={"max_retries": SEND_RETRIES, "interval_start": 0.2},
        )
    except OperationalError as exc:
        log.warning("job queue unreachable: %s not sent (%s)", task.name, type(exc).__name__)
        return False
    return True
