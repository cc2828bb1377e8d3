"""The rules that follow from a placement's SSDA903 type: where a stay of that type can be, who
may provide it, whether it has an Ofsted URN, how old the child must be and how long a
temporary move may last. `check_placement` (placements/rules.py) calls `check_type` on every
write path, so the DfE return is valid by construction.

The DfE rule behind each check is named beside it.
"""

import datetime
import re

from carers.models import CarerType
from core import codes, postcodes

T = codes.PlacementType
URN_SHAPE = re.compile(r"^(SC\d{6}|\d{6,7})$")
OUTSIDE_ENGLAND = ("W", "S", "N")  # ONS area codes of Wales, Scotland, Northern Ireland

IN_A_HOME = frozenset({T.K1, T.K2})
_TEMPORARY_WITH_CARERS = frozenset({T.T0, T.T3, T.T4})
WITH_CARERS = {
    CarerType.FOSTER: codes.FOSTER_PLACEMENTS - codes.KINSHIP_PLACEMENTS
    | codes.ADOPTION_PLACEMENTS
    | _TEMPORARY_WITH_CARERS,
    CarerType.AGENCY: codes.FOSTER_PLACEMENTS - codes.KINSHIP_PLACEMENTS | _TEMPORARY_WITH_CARERS,
    CarerType.KINSHIP: codes.KINSHIP_PLACEMENTS
    | codes.ADOPTION_PLACEMENTS
    | _TEMPORARY_WITH_CARERS,
    CarerType.SUPPORTED_LODGINGS: frozenset({T.K3}) | _TEMPORARY_WITH_CARERS,
}
ELSEWHERE = (
    codes.ADOPTION_PLACEMENTS
    | codes.TEMPORARY_PLACEMENTS
    | codes.OTHER_PLACEMENTS
    | {T.K3, T.P1, T.P3, T.R1, T.R2, T.R3, T.R5, T.S1}
)
SUPPORTED_ACCOMMODATION_FROM_AGE = 16  # rule 371
YOUTH_JUSTICE_STATUSES = frozenset({"J1", "J2", "J3"})
YOUTH_JUSTICE_FROM_AGE = 10  # the age of criminal responsibility (rule 358)
# Providers a type cannot have (rules 527-531, 550).
_NOT_PROVIDED_BY = {
    "PR1": {T.P1, T.R2, T.R5},
    "PR2": {T.P1, T.R2, T.R5},
    "PR3": {T.P1, T.K1, T.K2} | codes.ADOPTION_PLACEMENTS | codes.FOSTER_PLACEMENTS,
    "PR4": {T.P1},
    "PR5": {T.P1},
}


# What a stay with a household usually is for the DfE return, when nobody says.
_CARER_PLACEMENT_TYPE = {
    CarerType.FOSTER: codes.PlacementType.U6,
    CarerType.KINSHIP: codes.PlacementType.U3,
    CarerType.SUPPORTED_LODGINGS: codes.PlacementType.K3,
    CarerType.AGENCY: codes.PlacementType.U6,
}


def default_codes(*, home=None, carer=None) -> dict:
    """The SSDA903 placement type and provider a home or household implies."""
    if home is not None:
        secure = home.home_type.code == "secure"
        return {
            "placement_type": codes.PlacementType.K1 if secure else codes.PlacementType.K2,
            "provider": codes.PlacementProvider.PR4
            if home.is_external
            else codes.PlacementProvider.PR1,
        }
    return {
        "placement_type": _CARER_PLACEMENT_TYPE[carer.carer_type],
        "provider": codes.PlacementProvider.PR4
        if carer.carer_type == CarerType.AGENCY
        else codes.PlacementProvider.PR1,
    }


def _label(code) -> str:
    return f"“{T(code).label}” ({code})"


def allowed_types(p) -> frozenset:
    """The placement types this stay's place can have."""
    if p.home_id:
        return frozenset({T.K1}) if p.home.home_type.code == "secure" else frozenset({T.K2})
    if p.carer_id:
        return WITH_CARERS[p.carer.carer_type]
    return ELSEWHERE


def check_type(p, add) -> None:
    """Add a message for every 903 rule the stay's type, provider and URN break."""
    if not p.placement_type:
        add("placement_type", "Choose the placement type.")
        return
    _check_place(p, add)
    _check_age_and_legal_status(p, add)
    if p.placement_type in codes.TEMPORARY_PLACEMENTS:
        _check_temporary(p, add)
    _check_provider(p, add)
    _check_urn(p, add)


def check_type_on_change(p, add) -> None:
    """For a stay whose place and type stay as they were: a temporary one's end and length."""
    if p.placement_type in codes.TEMPORARY_PLACEMENTS:
        _check_temporary(p, add, starting=False)


def _check_place(p, add):
    code = p.placement_type
    if code in allowed_types(p):
        return
    if p.home_id:
        add(
            "placement_type",
            f"A stay at {p.home} is {_label(sorted(allowed_types(p))[0])}: choose that type.",
        )
    elif p.carer_id:
        add(
            "placement_type",
            f"{p.carer} ({p.carer.get_carer_type_display().lower()}) cannot have a "
            f"{_label(code)} placement. Choose one of "
            f"{', '.join(sorted(allowed_types(p)))}.",
        )
    elif code in IN_A_HOME:
        add("home", f"A {_label(code)} placement is in a children's home: choose the home.")
    else:
        add("carer", f"A {_label(code)} placement is with a carer household: choose it.")


def _check_age_and_legal_status(p, add):
    code, status = p.placement_type, p.legal_status
    age = p.child.age_on(p.start_date)
    if code == T.K3 and age < SUPPORTED_ACCOMMODATION_FROM_AGE:
        add(
            "placement_type",
            f"Supported accommodation is for young people aged 16 or over; "
            f"{p.child.full_name} is {age} on {p.start_date:%d/%m/%Y}.",
        )
    if status in YOUTH_JUSTICE_STATUSES and age < YOUTH_JUSTICE_FROM_AGE:
        add(
            "legal_status",
            f"Remand and youth justice legal statuses (J1, J2, J3) are for children aged 10 or "
            f"over (DfE rule 358); {p.child.full_name} is {age} on {p.start_date:%d/%m/%Y}.",
        )
    if code == T.P1 and status == codes.LegalStatus.V2:
        add(
            "legal_status",
            "A child placed with parents cannot be accommodated under section 20 (V2) "
            "(DfE rule 378): check the legal status.",
        )
    if status in codes.SHORT_BREAK_LEGAL_STATUSES and code in {T.U1, T.U4}:
        add("placement_type", "A short break cannot be a long-term foster placement (rule 384).")
    if status in codes.SHORT_BREAK_LEGAL_STATUSES and code in codes.TEMPORARY_PLACEMENTS:
        add("placement_type", "A short break cannot be recorded as a temporary placement.")


def _check_temporary(p, add, *, starting=True):
    """Temporary moves (T0-T4) happen during a period of care: they neither start nor end it
    (rules 380, 381), and some have a longest length (rules 375, 376, 379)."""
    from .models import Placement

    code = p.placement_type
    follows = (
        Placement.objects.live().filter(child_id=p.child_id, end_date=p.start_date).exclude(pk=p.pk)
    )
    if starting and not follows.exists():
        add(
            "placement_type",
            "A temporary placement happens during a period of care, so it follows another "
            "placement on the same day. Record where the child was living first.",
        )
    if p.end_date and p.reason_episode_ceased and p.reason_episode_ceased != "X1":
        add(
            "reason_episode_ceased",
            "A period of care cannot end with a temporary placement: record the move back "
            "to where the child lives instead.",
        )
    most = codes.TEMPORARY_PLACEMENT_DAYS.get(code)
    if most is None:
        return
    last = p.end_date or p.planned_end_date
    if last is None or (last - p.start_date).days > most:
        add(
            "planned_end_date",
            f"A {_label(code)} placement lasts at most {most} days: give a planned end date on "
            f"or before {p.start_date + datetime.timedelta(days=most):%d/%m/%Y}.",
        )


def _check_provider(p, add):
    code, provider = p.placement_type, p.provider
    if code in codes.NO_PROVIDER_PLACEMENTS:
        if provider:
            add(
                "provider", f"A {_label(code)} placement has no placement provider: leave it blank."
            )
        return
    if not provider:
        add("provider", "Choose the placement provider.")
    elif (provider == "PR0") != (code == T.P1):
        add(
            "provider",
            "A placement with parents (P1) is provided by the parents (PR0), and only that "
            "placement is.",
        )
    elif code in _NOT_PROVIDED_BY.get(provider, ()):
        add(
            "provider",
            f"A {_label(code)} placement cannot be "
            f"“{codes.PlacementProvider(provider).label}” ({provider}).",
        )


def outside_england(postcode: str) -> bool:
    area = postcodes.council_area(postcode)
    return bool(area) and area.startswith(OUTSIDE_ENGLAND)


def place_urn_and_postcode(p) -> tuple[str, str]:
    """The Ofsted URN and postcode of where the stay is: the home's or the household's, or
    as typed for a placement elsewhere."""
    if p.home_id:
        return p.home.ofsted_urn.strip().upper(), p.home.postcode
    if p.carer_id:
        return p.carer.urn.strip().upper(), p.carer.postcode
    return p.urn.strip().upper(), p.placement_postcode


def _check_urn(p, add):
    """Every registered setting in England has an Ofsted URN (rule 218); other types have
    none (rule 222); XXXXXXX only for a regional adoption agency (rule 242)."""
    code = p.placement_type
    urn, postcode = place_urn_and_postcode(p)
    field = "home" if p.home_id else "carer" if p.carer_id else "urn"
    if code in codes.NO_URN_PLACEMENTS:
        if urn and field == "urn":
            add("urn", f"A {_label(code)} placement has no Ofsted URN: leave it blank.")
        return
    if urn == codes.REGIONAL_ADOPTION_AGENCY_URN:
        if code not in codes.ADOPTION_PLACEMENTS | codes.FOSTER_PLACEMENTS:
            add(field, "XXXXXXX is only for adoption or foster placements through a regional "
                "adoption agency.")  # fmt: skip
        return
    if urn and not URN_SHAPE.match(urn):
        add(field, f"{urn} is not an Ofsted URN: it is SC and 6 numbers, or 6 or 7 numbers.")
    elif not urn and not outside_england(postcode):
        if p.home_id:
            add("home", f"{p.home} has no Ofsted URN. Ask an administrator to add it to the home.")
        elif p.carer_id:
            add(
                "carer",
                f"{p.carer} has no fostering service URN. Add it to the household first.",
            )
        else:
            add("urn", f"Enter the setting's Ofsted URN: a {_label(code)} placement needs one.")
