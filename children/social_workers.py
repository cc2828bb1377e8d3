"""Allocating a child's social worker. The history of allocations the DfE return reads (903
SWEpisodes) is kept by `Child.save` (children/models.py `keep_social_worker_episodes`) whenever
the allocation may have changed, so every write path (this service, the admin, imports, the
demo) keeps it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Role
from audit.capture import as_by
from core import codes
from core.conflicts import check_version
from core.dates import today

from .models import Child, SocialWorkerEpisode

Reason = codes.SocialWorkerChangeReason


def check_allocation(child, *, social_worker, on: datetime.date, reason: str) -> None:
    """Raise ValidationError listing what is wrong with the allocation."""
    errors = {}
    if social_worker is not None and (
        social_worker.role != Role.SOCIAL_WORKER or not social_worker.is_active
    ):
        errors["social_worker"] = f"{social_worker} is not an active social worker."
    elif social_worker is not None and social_worker.pk == child.social_worker_id:
        errors["social_worker"] = f"{social_worker} is already {child.first_name}'s social worker."
    elif social_worker is None and child.social_worker_id is None:
        errors["social_worker"] = f"{child.first_name} has no social worker to take off."
    if on > today():
        errors["on"] = "The date must be today or in the past."
    current = SocialWorkerEpisode.objects.filter(child=child, end_date__isnull=True).first()
    if current is not None and on < current.start_date:
        errors["on"] = (
            f"The date must be on or after {current.start_date:%d/%m/%Y}, when the current "
            "social worker was allocated."
        )
    had_one = SocialWorkerEpisode.objects.filter(child=child).exists()
    if social_worker is not None and reason == Reason.FCONTA and had_one:
        errors["reason"] = (
            f"{child.first_name} has had a social worker before: choose why it changed."
        )
    if errors:
        raise ValidationError(errors)


@as_by
@transaction.atomic
def allocate(child, *, social_worker, on: datetime.date, reason: str, version=None, by):
    """Allocate `social_worker` (None: nobody) to the child from `on`, for `reason`."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    if version is not None:
        check_version(locked, version)
    check_allocation(locked, social_worker=social_worker, on=on, reason=reason)
    locked.social_worker = social_worker
    locked.allocated_on, locked.allocation_reason = on, reason
    locked.save()
    return locked
