"""The placement rules, in one place. Every write path (forms, admin, imports, jobs) calls
`check_placement` before saving, inside the transaction that holds the row locks.

Each rule adds a message that tells the person what to do next.
"""

import datetime

from django.core.exceptions import ValidationError

from core import codes
from core.dates import today
from core.intervals import peak
from homes.models import BedBlock, Home

from .type_rules import check_type, check_type_on_change

SHORT_BREAK_MAX_DAYS = 17  # Care Planning Regulations 2010, reg 48


def stay_limit(placement) -> datetime.date | None:
    """The latest planned end allowed: the home type's limit, moved by an authorised extension."""
    home = placement.home
    if home is None or home.home_type.max_stay_days is None:
        return None
    limit = placement.start_date + datetime.timedelta(days=home.home_type.max_stay_days)
    if hasattr(placement, "authorised_extend_to"):  # annotated by lists, saving a query a row
        extended = placement.authorised_extend_to
    else:
        extended = placement.pk and (
            placement.extensions.filter(status="authorised")
            .order_by("-extend_to")
            .values_list("extend_to", flat=True)
            .first()
        )
    if extended and extended > limit:
        limit = extended
    return limit


def check_placement(placement) -> None:
    """Raise ValidationError listing every rule the placement breaks."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    _check_dates(placement, add)
    if errors:
        raise ValidationError(errors)
    _check_no_overlap(placement, add)
    if placement.home_id:
        _check_home(placement, add)
    elif placement.carer_id:
        _check_carer(placement, add)
    elif placement.provider_name.strip():
        _check_elsewhere(placement, add)
    else:
        add("home", "Choose a home or a carer household, or name where the child will live.")
    if placement.pk is None or _where_or_type_changed(placement):
        check_type(placement, add)
    else:  # an existing stay ending or re-planned: only what its end must meet
        check_type_on_change(placement, add)
    if errors:
        raise ValidationError(errors)


TYPE_FIELDS = ("placement_type", "provider", "legal_status", "home_id", "carer_id",
               "provider_name", "placement_postcode", "urn", "start_date")  # fmt: skip


def _where_or_type_changed(p) -> bool:
    """Whether an existing stay's place, type, provider or legal status is being changed; a
    stay recorded before a rule existed can still be ended without meeting it."""
    from .models import Placement

    saved = Placement.objects.filter(pk=p.pk).values(*TYPE_FIELDS).first()
    return saved is None or any(saved[f] != getattr(p, f) for f in TYPE_FIELDS)


def _check_dates(p, add):
    if p.home_id and p.carer_id:
        add("carer", "A placement is either in a home or with a carer household, not both.")
    if (p.home_id or p.carer_id) and p.provider_name.strip():
        add("provider_name", "Name where the child lives only when it is not a home or household.")
    if p.end_date and p.end_date <= p.start_date:
        add("end_date", "The end date must be after the start date.")
    if p.planned_end_date and p.planned_end_date <= p.start_date:
        add("planned_end_date", "The planned end date must be after the start date.")
    adopted = p.reason_episode_ceased in ("E11", "E12")
    if adopted and p.placement_type not in codes.ADOPTION_PLACEMENTS:
        add(
            "reason_episode_ceased",
            "A child is adopted from a placement for adoption (A3 to A6): record that "
            "placement first (DfE rule 390).",
        )
    if p.child.date_of_birth and p.start_date < p.child.date_of_birth:
        add("start_date", "The placement cannot start before the child was born.")


def _check_no_overlap(p, add):
    from .models import Placement

    clash = (
        Placement.objects.filter(child_id=p.child_id)
        .overlapping(p.start_date, p.end_date)
        .exclude(pk=p.pk)
        .select_related("home", "carer")
        .first()
    )
    if clash:
        until = f"until {clash.end_date:%d/%m/%Y}" if clash.end_date else "with no end date"
        add(
            "start_date",
            f"{p.child.full_name} is already placed at {clash.location} from "
            f"{clash.start_date:%d/%m/%Y} {until}. End or move that placement first.",
        )


def _check_age(p, add, min_age, max_age, where):
    age = p.child.age_on(p.start_date)
    if not min_age <= age <= max_age:
        add(
            "start_date",
            f"{p.child.full_name} is {age} on {p.start_date:%d/%m/%Y}, outside the ages "
            f"{min_age} to {max_age} that {where} accepts.",
        )


def _check_home(p, add):
    from .models import Placement

    home, home_type = p.home, p.home.home_type
    if home.opened_on and p.start_date < home.opened_on:
        add("start_date", f"{home} opens on {home.opened_on:%d/%m/%Y}.")
    if home.closed_on and p.start_date >= home.closed_on:
        add("home", f"{home} closed on {home.closed_on:%d/%m/%Y}; choose another home.")
    _check_age(p, add, home_type.min_age, home_type.max_age, f"{home} ({home_type})")

    if home_type.max_stay_days is not None:
        limit = stay_limit(p)
        if p.planned_end_date is None:
            add(
                "planned_end_date",
                f"A {home_type} stay must have a planned end date, on or before "
                f"{limit:%d/%m/%Y} ({home_type.max_stay_days} days).",
            )
        elif p.planned_end_date > limit:
            add(
                "planned_end_date",
                f"A {home_type} stay may last {home_type.max_stay_days} days, so the planned end "
                f"must be on or before {limit:%d/%m/%Y}. Ask a manager to authorise an extension.",
            )
    if p.is_short_break:
        if not home_type.offers_short_breaks:
            add("is_short_break", f"{home} does not offer short breaks.")
        if (
            p.planned_end_date is None
            or (p.planned_end_date - p.start_date).days > SHORT_BREAK_MAX_DAYS
        ):
            add(
                "planned_end_date",
                f"A short break may last at most {SHORT_BREAK_MAX_DAYS} days; give a planned end date "
                "within that.",
            )

    if p.unit_id:
        if p.unit.home_id != home.pk:
            add("unit", f"{p.unit.name} is not part of {home}.")
        elif not p.unit.is_active:
            add("unit", f"{p.unit.name} is not in use.")
        elif (
            Placement.objects.filter(unit_id=p.unit_id)
            .overlapping(p.start_date, p.end_date)
            .exclude(pk=p.pk)
            .exists()
        ):
            add("unit", f"{p.unit.name} is taken for some of those dates; choose another.")

    if beds_taken(home.pk, p.start_date, p.end_date, placement=p) + 1 > home.beds:
        add(
            "home",
            f"{home} has no free bed for the whole stay from {p.start_date:%d/%m/%Y}: its "
            f"{home.beds} beds are taken or blocked on at least one day. Search vacancies for "
            "another home or other dates.",
        )


def _check_elsewhere(p, add):
    """A placement neither in one of the council's homes nor with a household it knows (a
    hospital, parents, a young offender institution): where it is must be a real postcode."""
    from core import postcodes

    if not p.placement_postcode:
        add("placement_postcode", f"Enter the postcode of {p.provider_name}.")
    elif not postcodes.exists(p.placement_postcode):
        add(
            "placement_postcode",
            f"{p.placement_postcode} is not a postcode in use: check it, like LS1 1AA.",
        )


def _runs_past(p, day) -> bool:
    """Whether the stay, as ended or planned, may continue after `day`."""
    last = p.end_date or p.planned_end_date
    return last is None or last > day


def _check_carer(p, add):
    from .models import Placement

    carer = p.carer
    if not carer.is_approved_on(p.start_date):
        add(
            "carer",
            f"{carer} is not approved to care for children on {p.start_date:%d/%m/%Y} "
            f"(status: {carer.get_approval_status_display()}).",
        )
    elif carer.approval_ends_on and _runs_past(p, carer.approval_ends_on):
        add(
            "planned_end_date",
            f"{carer}'s temporary approval ends on {carer.approval_ends_on:%d/%m/%Y}; plan the "
            "stay to end by then or complete their full approval.",
        )
    _check_age(p, add, carer.min_age, carer.max_age, str(carer))
    stays = (
        Placement.objects.filter(carer_id=carer.pk)
        .overlapping(p.start_date, p.end_date)
        .exclude(pk=p.pk)
        .values_list("start_date", "end_date")
    )
    if peak(((s, e, 1) for s, e in stays), p.start_date, p.end_date) + 1 > carer.approved_places:
        add(
            "carer",
            f"{carer} is approved for {carer.approved_places} "
            f"{'child' if carer.approved_places == 1 else 'children'} at a time and has no space "
            "for the whole stay.",
        )


# A home's beds against the stays and blocks in them (rule 2): placements, bed blocks and a
# home's bed count are checked with the same count, on every write path (web, admin, seed).


def beds_taken(home_id, start, end, *, placement=None, block=None) -> int:
    """The most beds that stays and live blocks take at the home on any day of [start, end)
    (end None: open), leaving out the placement or block being checked."""
    from .models import Placement

    stays = Placement.objects.filter(home_id=home_id).overlapping(start, end)
    blocks = BedBlock.objects.filter(home_id=home_id).overlapping(start, end)
    if placement is not None:
        stays = stays.exclude(pk=placement.pk)
    if block is not None:
        blocks = blocks.exclude(pk=block.pk)
    in_use = [(s, e, 1) for s, e in stays.values_list("start_date", "end_date")]
    in_use += list(blocks.values_list("start_date", "end_date", "beds"))
    return peak(in_use, start, end)


def check_block(block: BedBlock) -> None:
    block.full_clean(exclude=["home", "created_by"])
    taken = beds_taken(block.home_id, block.start_date, block.end_date, block=block)
    if taken + block.beds > block.home.beds:
        raise ValidationError(
            {
                "beds": f"{block.home} does not have {block.beds} empty "
                f"bed{'s' if block.beds > 1 else ''} to block for the whole period: children are "
                "placed in them or they are already blocked.",
            }
        )


def check_home_beds(home: Home) -> None:
    """A home's beds may not drop below the children placed or booked there and its blocks."""
    if home.pk is None:
        return
    busiest = beds_taken(home.pk, today(), None)
    if home.beds < busiest:
        raise ValidationError(
            {
                "beds": f"{busiest} beds are taken or blocked at {home} on its busiest day from "
                f"today. Keep at least {busiest} beds, or move children or cancel blocks first.",
            }
        )


def check_home_dates(home: Home) -> None:
    """A home may not close while children stay or are booked there, nor open after a stay
    there began."""
    from .models import Placement

    if home.pk is None:
        return
    stays = Placement.objects.live().filter(home_id=home.pk)
    errors = {}
    if home.closed_on:
        staying = stays.overlapping(home.closed_on, None).count()
        if staying:
            errors["closed_on"] = (
                f"{staying} {'child is' if staying == 1 else 'children are'} placed or booked at "
                f"{home} on or after {home.closed_on:%d/%m/%Y}. Move them or end their stays "
                "first."
            )
    if home.opened_on:
        first = stays.filter(start_date__lt=home.opened_on).order_by("start_date").first()
        if first:
            errors["opened_on"] = (
                f"A stay at {home} began on {first.start_date:%d/%m/%Y}, before that day. Give "
                "the day the home first took children."
            )
    if errors:
        raise ValidationError(errors)


def check_unit_in_use(unit) -> None:
    """A unit may not stop being used while a child has it, or is booked into it."""
    from .models import Placement

    if unit.pk is None or unit.is_active:
        return
    if Placement.objects.filter(unit_id=unit.pk).overlapping(today(), None).exists():
        raise ValidationError(
            {
                "is_active": f"A child has {unit.name} now or is booked into it. Move them to "
                "another unit first."
            }
        )
