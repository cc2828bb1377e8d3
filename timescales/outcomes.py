"""Outcomes for children looked after for 12 months at 31 March (903 OC2): who they are for,
and the rules that say which answers each child needs by their age at 31 March (DfE rules
157-159, 180-198, 542-547), on every write path."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.capture import as_by
from children.models import Child
from core import codes
from core.dates import add_years
from placements.models import Placement

from .models import LookedAfterOutcomes

YES_NO_ANSWERS = ("immunisations", "teeth_check", "health_assessment", "substance_misuse")
ANSWERS = (
    "sdq_score",
    "sdq_reason",
    "convicted",
    "health_check",
    *YES_NO_ANSWERS,
    "intervention_received",
    "intervention_offered",
)


def year_endings(today: datetime.date) -> list[datetime.date]:
    """The years whose outcomes can be recorded now: the one ending next 31 March, the last."""
    coming = datetime.date(today.year + (today.month > 3), 3, 31)
    return [coming, coming.replace(year=coming.year - 1)]


def looked_after_all_year(child, year_ending: datetime.date) -> bool:
    """Whether the child was looked after on every day from 1 April to `year_ending` (31 March),
    short breaks not counting: their stays, joined end to start, cover the whole year. Care
    that ends on 31 March itself counts, as the DfE's rules count it (an episode ceasing on
    the collection's last day is still "looked after continuously at 31 March")."""
    day = add_years(year_ending, -1) + datetime.timedelta(days=1)  # the first day to cover
    stays = (
        Placement.objects.live()
        .filter(child=child, start_date__lte=year_ending)
        .exclude(legal_status__in=codes.SHORT_BREAK_LEGAL_STATUSES)
        .order_by("start_date")
        .values_list("start_date", "end_date")
    )
    for start, end in stays:
        if end is not None and end <= day:
            continue  # ended before the day still to cover
        if start > day:
            return False  # a gap
        if end is None or end >= year_ending:
            return True
        day = end
    return False


def outcome_errors(child, year_ending: datetime.date, answers: dict) -> dict:
    """Every rule the answers break, by field."""
    errors = {}

    def need(field, message):
        errors.setdefault(field, message)

    start = add_years(year_ending, -1) + datetime.timedelta(days=1)
    age_at_end = child.age_on(year_ending)
    score, reason = answers.get("sdq_score"), answers.get("sdq_reason")
    four, seventeen = add_years(child.date_of_birth, 4), add_years(child.date_of_birth, 17)
    if four > year_ending or seventeen < start:
        if score is not None or reason:
            need("sdq_score", "No SDQ is recorded for a child under 4 or over 16 all year.")
    elif score is None and not reason:
        need("sdq_score", "Enter the SDQ score, or choose why there is none.")
    if score is not None and reason:
        need("sdq_reason", "Give an SDQ score or a reason there is none, not both.")
    if score is not None and not 0 <= score <= 40:
        need("sdq_score", "The SDQ score is a whole number from 0 to 40.")
    turns_4_or_17 = start <= four <= year_ending or start <= seventeen <= year_ending
    if reason == codes.SdqReason.SDQ1 and not turns_4_or_17:
        need(
            "sdq_reason",
            f"{child.first_name} was between 4 and 16 all year: choose another reason.",
        )
    if age_at_end >= 10 and answers.get("convicted") is None:
        need("convicted", "Say whether they were convicted or given a final warning.")
    if age_at_end < 10 and answers.get("convicted") is not None:
        need("convicted", "Convictions are not recorded for children under 10 at 31 March.")
    if age_at_end < 5 and answers.get("health_check") is None:
        need("health_check", "Say whether their health checks are up to date.")
    if age_at_end >= 5 and answers.get("health_check") is not None:
        need("health_check", "Health checks are recorded only for children under 5 at 31 March.")
    for field in YES_NO_ANSWERS:
        if answers.get(field) is None:
            label = LookedAfterOutcomes._meta.get_field(field).verbose_name.lower()
            need(field, f"Say yes or no: {label}.")
    misuse, received = answers.get("substance_misuse"), answers.get("intervention_received")
    offered = answers.get("intervention_offered")
    if misuse and received is None:
        need("intervention_received", "Say whether they received an intervention.")
    if not misuse and (received is not None or offered is not None):
        need("intervention_received", "Interventions are recorded only for a misuse problem.")
    if misuse and received is False and offered is None:
        need("intervention_offered", "Say whether an intervention was offered.")
    if received and offered is not None:
        need("intervention_offered", "Leave this blank when they received an intervention.")
    return errors


def check(child, year_ending: datetime.date, answers: dict) -> None:
    """Raise ValidationError unless the answers can be recorded for the child and year."""
    if (year_ending.month, year_ending.day) != (3, 31):
        raise ValidationError({"year_ending": "Choose a year ending on 31 March."})
    if not looked_after_all_year(child, year_ending):
        raise ValidationError(
            {
                "year_ending": f"{child.full_name} was not looked after for the whole 12 months "
                f"to {year_ending:%d/%m/%Y}, so has no outcomes to record for that year."
            }
        )
    errors = outcome_errors(child, year_ending, answers)
    if errors:
        raise ValidationError(errors)


@as_by
@transaction.atomic
def record_outcomes(*, child, year_ending: datetime.date, by, **answers) -> LookedAfterOutcomes:
    """Record (or correct) the child's outcomes for the year to `year_ending`."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    check(child, year_ending, answers)
    record = LookedAfterOutcomes.objects.filter(child=child, year_ending=year_ending).first()
    record = record or LookedAfterOutcomes(child=child, year_ending=year_ending)
    for field in ANSWERS:
        setattr(record, field, answers.get(field, "" if field == "sdq_reason" else None))
    record.recorded_by = by
    record.save()
    return record
