"""A child's 903 rows beside the episodes, read back into the ledger through the services the
forms use: the child's details (Header, UASC), social worker episodes, reviews, missing
episodes, OC2 outcomes, previous permanence, decisions to place for adoption (PlacedAdoption,
AD1) and keeping in touch with care leavers (OC3). Each raises ImportFailed naming the row the
ledger refused."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Role
from careleavers import in_touch
from careleavers import services as leaving_care
from careleavers.models import CareLeaver, Eligibility
from children import services as children
from children import social_workers
from children.models import ChildStatus
from core.dates import add_years, today
from placements import missing, permanence
from placements.models import AdoptionDecision, Placement
from timescales import outcomes
from timescales.services import record_review

from .import_files import Row
from .import_stays import ImportFailed, failing_at

NOT_IN_THE_RETURN = "Imported"  # the return has no names: a child is named by their CHILD


def create_child(header: Row, uasc: Row | None, episodes: list[Row], *, by):
    """The child from their Header row (and UASC row): named by their identifier until
    someone adds their name, with the category of need of their latest episode and the home
    postcode of their first."""
    born = header["MC_DOB"] or None
    ceased = uasc["DUC"] if uasc is not None and uasc["DUC"] else None
    data = {
        "local_id": header["CHILD"],
        "first_name": NOT_IN_THE_RETURN,
        "last_name": header["CHILD"],
        "date_of_birth": header["DOB"],
        "sex": header["SEX"],
        "ethnicity": header["ETHNIC"],
        "upn": header["UPN"],
        "is_mother": header["MOTHER"] == "1",
        "child_born_on": born,
        "is_uasc": uasc is not None,
        # A DUC still to come is the 18th birthday, when UASC status ends at the latest.
        "uasc_ceased_on": ceased if ceased and ceased <= today() else None,
        "status": ChildStatus.LOOKED_AFTER,
        "category_of_need": episodes[-1]["CIN"] if episodes else "",
        "home_postcode": episodes[0]["HOME_POST"] if episodes else "",
    }
    with failing_at(header):
        return children.create_child(data, by=by)


def social_worker_episodes(child, rows: list[Row], *, by) -> None:
    """Each allocation in turn; an episode that ends with no next one the same day takes the
    social worker off then."""
    for number, row in enumerate(rows):
        worker = _social_worker(row)
        with failing_at(row):
            social_workers.allocate(child, social_worker=worker, on=row["SW_DECOM"],
                                    reason=row["SW_REASON"], by=by)  # fmt: skip
            following = rows[number + 1]["SW_DECOM"] if number + 1 < len(rows) else None
            if row["SW_DEC"] and row["SW_DEC"] != following:
                child.refresh_from_db()
                social_workers.allocate(child, social_worker=None, on=row["SW_DEC"], reason="",
                                        by=by)  # fmt: skip
        child.refresh_from_db()


def _social_worker(row: Row):
    """The social worker with that SW_ID: their Social Work England number, or XX and their
    Homeward number."""
    users = get_user_model().objects.filter(role=Role.SOCIAL_WORKER)
    sw_id = row["SW_ID"].upper()
    if sw_id.startswith("XX") and sw_id[2:].isdigit():
        found = users.filter(pk=int(sw_id[2:]), swe_registration="").first()
    else:
        found = users.filter(swe_registration__iexact=sw_id).first()
    if found is None:
        raise ImportFailed(row.problem(
            f"No social worker has the SW_ID {row['SW_ID']}: add the council's social workers, "
            "with their Social Work England numbers, before importing."))  # fmt: skip
    return found


def reviews(child, rows: list[Row], *, by) -> None:
    for row in rows:
        with failing_at(row):
            record_review(child=child, held_on=row["REVIEW"], participation=row["REVIEW_CODE"],
                          by=by)  # fmt: skip


def missing_episodes(child, rows: list[Row], *, by) -> None:
    """Days only in the return: from the start of the day the child went to the end of the day
    they came back (or now, for today)."""
    for row in rows:
        went = _moment(row["MIS_START"], datetime.time.min)
        back = _moment(row["MIS_END"], datetime.time.max) if row["MIS_END"] else None
        with failing_at(row):
            missing.record_missing(child=child, kind=row["MISSING"], started_at=went,
                                   ended_at=min(back, timezone.now()) if back else None,
                                   note="From the SSDA903 return.", by=by)  # fmt: skip


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


YES_NO_COLUMNS = {
    "convicted": "CONVICTED",
    "health_check": "HEALTH_CHECK",
    "immunisations": "IMMUNISATIONS",
    "teeth_check": "TEETH_CHECK",
    "health_assessment": "HEALTH_ASSESSMENT",
    "substance_misuse": "SUBSTANCE_MISUSE",
    "intervention_received": "INTERVENTION_RECEIVED",
    "intervention_offered": "INTERVENTION_OFFERED",
}


def outcomes_for_year(child, row: Row, year_ending: datetime.date, *, by) -> None:
    answers = {field: {"1": True, "0": False}.get(row[column])
               for field, column in YES_NO_COLUMNS.items()}  # fmt: skip
    score = row["SDQ_SCORE"]
    if score and not score.isdigit():
        raise ImportFailed(row.problem(f"SDQ_SCORE {score} is not a whole number from 0 to 40."))
    with failing_at(row):
        outcomes.record_outcomes(child=child, year_ending=year_ending, by=by,
                                 sdq_score=int(score) if score else None,
                                 sdq_reason=row["SDQ_REASON"], **answers)  # fmt: skip


def previous_permanence(child, row: Row, period_began: datetime.date | None, *, by) -> None:
    if period_began is None:
        raise ImportFailed(row.problem(
            "Previous permanence is for a child who began a period of care in the year: this "
            "child has no episode with RNE S in it."))  # fmt: skip
    with failing_at(row):
        permanence.record_previous_permanence(
            child=child, order=row["PREV_PERM"], order_council=row["LA_PERM"],
            order_date=row["DATE_PERM"] or None, care_started_on=period_began, by=by,
        )  # fmt: skip


def adoption(child, placed: Row | None, adopted: Row | None, *, by) -> None:
    """A decision to place for adoption (PlacedAdoption), with its adopters once the child was
    adopted (AD1): it ended then, with the reason the episode ended (E11, E12)."""
    row = placed or adopted
    decision = AdoptionDecision(
        child=child,
        decided_on=placed["DATE_PLACED"] if placed else adopted["DATE_INT"],
        ceased_on=(placed["DATE_PLACED_CEASED"] or None) if placed else None,
        ceased_reason=placed["REASON_PLACED_CEASED"] if placed else "",
    )
    if adopted is not None:
        ending = (
            Placement.objects.live()
            .filter(child=child, reason_episode_ceased__in=permanence.ADOPTED)
            .order_by("-end_date")
            .first()
        )
        if ending is None:
            raise ImportFailed(adopted.problem(
                "AD1 is for a child adopted in the year: no episode of this child ends with "
                "E11 or E12."))  # fmt: skip
        decision.ceased_on, decision.ceased_reason = ending.end_date, ending.reason_episode_ceased
        decision.matched_on = adopted["DATE_MATCH"] or None
        decision.by_foster_carer = {"1": True, "0": False}.get(adopted["FOSTER_CARE"])
        decision.adopters = int(adopted["NB_ADOPTR"]) if adopted["NB_ADOPTR"] else None
        decision.adopters_sex = adopted["SEX_ADOPTR"]
        decision.adopters_legal_status = adopted["LS_ADOPTR"]
    with failing_at(row):
        permanence.save_adoption_decision(decision, by=by)


def care_leaver(child, rows: list[Row], *, by) -> None:
    """Leaving-care support for a young person with OC3 rows, and what the council knew of
    them on each of those birthdays."""
    if not rows:
        return
    age = child.age
    still_in_care = Placement.objects.live().filter(child=child, end_date__isnull=True).exists()
    eligibility = (
        Eligibility.FORMER_RELEVANT
        if age >= 18
        else Eligibility.ELIGIBLE
        if still_in_care
        else Eligibility.RELEVANT
    )
    with failing_at(rows[0]):
        leaver = CareLeaver.objects.filter(child=child).first() or leaving_care.start_leaving_care(
            child, by=by, eligibility=eligibility
        )
    for row in rows:
        birthday = row.values["_birthday"]
        with failing_at(row):
            in_touch.record_in_touch(leaver, as_at=birthday, in_touch=row["IN_TOUCH"],
                                     activity=row["ACTIV"] or "0",
                                     accommodation=row["ACCOM"] or "0", by=by)  # fmt: skip


def oc3_birthday(row: Row, year_start: datetime.date, year_end: datetime.date):
    """The 17th to 21st birthday in the collection year the OC3 row is about."""
    for age in range(17, 22):
        birthday = add_years(row["DOB"], age)
        if year_start <= birthday <= year_end:
            return birthday
    return None


def settle_status(child, *, by) -> None:
    """Looked after while a stay is open; else a care leaver, if leaving-care support was
    recorded; else the case is closed."""
    child.refresh_from_db()
    if Placement.objects.live().filter(child=child, end_date__isnull=True).exists():
        status = ChildStatus.LOOKED_AFTER
    elif CareLeaver.objects.filter(child=child).exists():
        status = ChildStatus.CARE_LEAVER
    else:
        status = ChildStatus.CLOSED
    if status != child.status:
        children.update_child(child, {"status": status}, child.version, by)
