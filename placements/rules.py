"""The placement rules, in one place. Every write path (forms, admin, imports, jobs) calls
`check_placement` before saving, inside the transaction that holds the row locks.

Each rule adds a message that tells the person what to do next.
"""

import datetime

from django.core.exceptions import ValidationError

from core.intervals import peak
from homes.models import BedBlock

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
    else:
        add("home", "Choose a home or a carer household for the placement.")
    if errors:
        raise ValidationError(errors)


def _check_dates(p, add):
    if p.home_id and p.carer_id:
        add("carer", "A placement is either in a home or with a carer household, not both.")
    if p.end_date and p.end_date <= p.start_date:
        add("end_date", "The end date must be after the start date.")
    if p.planned_end_date and p.planned_end_date <= p.start_date:
        add("planned_end_date", "The planned end date must be after the start date.")
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

    stays = (
        Placement.objects.filter(home_id=home.pk)
        .overlapping(p.start_date, p.end_date)
        .exclude(pk=p.pk)
        .values_list("start_date", "end_date")
    )
    blocks = (
        BedBlock.objects.filter(home_id=home.pk)
        .overlapping(p.start_date, p.end_date)
        .values_list("start_date", "end_date", "beds")
    )
    in_use = [(s, e, 1) for s, e in stays] + list(blocks)
    if peak(in_use, p.start_date, p.end_date) + 1 > home.beds:
        add(
            "home",
            f"{home} has no free bed for the whole stay from {p.start_date:%d/%m/%Y}: its "
            f"{home.beds} beds are taken or blocked on at least one day. Search vacancies for "
            "another home or other dates.",
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
