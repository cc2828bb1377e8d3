"""Structured logs: one JSON object per line, each line of a request carrying its request id.

django-structlog's RequestMiddleware binds a request id (a new UUID per request, or the
proxy's X-Request-ID) and the user's numeric id, and logs request_started and
request_finished. Nothing personal goes in: no IP address (DJANGO_STRUCTLOG_IP_LOGGING_ENABLED
is off), no user agent, and the path without its query string, which can hold a search for a
child's name. Application code logs record ids, never names.
"""

import structlog
from django.dispatch import receiver
from django_structlog import signals

# What every line goes through, from structlog loggers and from the standard library's alike.
SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
]


def configure_structlog():
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.filter_by_level,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def json_formatter():
    return structlog.stdlib.ProcessorFormatter(
        # No ExtraAdder: django.request puts the whole request (with its query) in `extra`.
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


@receiver(signals.bind_extra_request_metadata)
@receiver(signals.bind_extra_request_finished_metadata)
@receiver(signals.bind_extra_request_failed_metadata)
def _path_without_query(sender, request, log_kwargs, **kwargs):
    log_kwargs["request"] = f"{request.method} {request.path}"
    log_kwargs.pop("user_agent", None)
