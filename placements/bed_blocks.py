"""Bed blocks: beds held empty for a time (single occupancy after matching, repairs,
staffing). A block may not take a bed a child is in (placements/rules.py `check_block`); each
write locks the home and is audited."""

import datetime

from django.db import transaction

from audit.capture import as_by
from homes.models import BedBlock, Home

from .rules import check_block


@as_by
@transaction.atomic
def block_beds(
    *,
    home: Home,
    beds: int,
    start_date: datetime.date,
    end_date: datetime.date | None,
    reason: str,
    note: str = "",
    by,
) -> BedBlock:
    home = Home.objects.select_for_update().get(pk=home.pk)
    block = BedBlock(
        home=home,
        beds=beds,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        note=note,
        created_by=by,
    )
    check_block(block)
    block.save()
    return block


@as_by
@transaction.atomic
def cancel_block(block: BedBlock, *, by) -> BedBlock:
    block = BedBlock.objects.select_for_update().get(pk=block.pk)
    block.cancelled = True
    block.save()
    return block
