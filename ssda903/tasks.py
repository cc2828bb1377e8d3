"""Celery tasks: thin wrappers around ssda903.services."""

from celery import shared_task

from . import services
from .models import ValidationRun


@shared_task(acks_late=True)
def validate_return_daily() -> int:
    """Beat runs this every morning: the DfE rules on the return so far this year."""
    return services.validate_return_so_far(ValidationRun.Trigger.DAILY).pk


@shared_task(acks_late=True)
def validate_return_now(user_id: int) -> int:
    """An administrator's button: the same run, now."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    return services.validate_return_so_far(ValidationRun.Trigger.BUTTON, by=user).pk
