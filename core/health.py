"""`/healthz`: the checks a load balancer or docker compose asks for. Database, Celery's broker
and the file storage; 200 when all answer, 500 with the failing one named otherwise."""

import dataclasses
import datetime

from celery import current_app
from django.contrib.auth.decorators import login_not_required
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """Celery's broker accepts a connection (Redis, or the embedded filesystem transport)."""

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self):
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=self.timeout.total_seconds())
        except Exception as error:  # kombu raises the transport's own errors
            raise ServiceUnavailable(f"broker unreachable: {type(error).__name__}") from error


healthz = login_not_required(
    HealthCheckView.as_view(
        checks=(
            "health_check.checks.Database",
            "core.health.Broker",
            "health_check.checks.Storage",
        )
    )
)
