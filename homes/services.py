"""Writing homes' bed blocks. A block may not take a bed a child is already in."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import services as audit
from audit.models import AuditEvent
from core.dates import today
from core.intervals import peak

from .models import BedBlock, Home


def check_block(block: BedBlock) -> None:
    from placements.models import Placement

    block.full_clean(exclude=["home", "created_by"])
    stays = (
        Placement.objects.filter(home_id=block.home_id)
        .overlapping(block.start_date, block.end_date)
        .values_list("start_date", "end_date")
    )
    others = (
        BedBlock.objects.filter(home_id=block.home_id)
        .overlapping(block.start_date, block.end_date)
        .exclude(pk=block.pk)
        .values_list("start_date", "end_date", "beds")
    )
    in_use = [(s, e, 1) for s, e in stays] + list(others)
    if peak(in_use, block.start_date, block.end_date) + block.beds > block.home.beds:
        raise ValidationError(
            {
                "beds": f"{block.home} does not have {block.beds} empty "
                f"bed{'s' if block.beds > 1 else ''} to block for the whole period: children are "
                "placed in them or they are already blocked.",
            }
        )


def check_home_beds(home: Home) -> None:
    """A home's beds may not drop below the children placed or booked there and its blocks."""
    from placements.models import Placement

    if home.pk is None:
        return
    day = today()
    stays = Placement.objects.filter(home_id=home.pk).overlapping(day, None)
    blocks = BedBlock.objects.filter(home_id=home.pk).overlapping(day, None)
    in_use = [(s, e, 1) for s, e in stays.values_list("start_date", "end_date")]
    in_use += list(blocks.values_list("start_date", "end_date", "beds"))
    busiest = peak(in_use, day, None)
    if home.beds < busiest:
        raise ValidationError(
            {
                "beds": f"{busiest} beds are taken or blocked at {home} on its busiest day from "
                f"today. Keep at least {busiest} beds, or move children or cancel blocks first.",
            }
        )


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
    audit.record(
        AuditEvent.Action.CREATE, block, user=by, changes=audit.diff({}, audit.snapshot(block))
    )
    return block


@transaction.atomic
def cancel_block(block: BedBlock, *, by) -> BedBlock:
    block = BedBlock.objects.select_for_update().get(pk=block.pk)
    block.cancelled = True
    block.save()
    audit.record(AuditEvent.Action.UPDATE, block, user=by, changes={"cancelled": [False, True]})
    return block
