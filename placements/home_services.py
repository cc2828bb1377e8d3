"""Writing homes, their units and the people allocated to them: administrators only.

They are in the ledger because a save counts the stays in the home (placements.rules): its
beds may not drop below the children placed and booked there, it may not close while they
stay, and a unit may not stop being used while a child has it. Each function is one
transaction that locks the home, checks every rule at once and writes the audit trail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.access import HOME_EDITORS, has_role
from accounts.models import Role
from audit.capture import as_by
from carers.services import model_errors, only_fields, save_audited
from core.conflicts import check_version
from homes.models import Home, Unit

from .rules import check_home_beds, check_home_dates, check_unit_in_use

HOME_FIELDS = (
    "name",
    "home_type",
    "provision",
    "provider_name",
    "ofsted_urn",
    "address",
    "postcode",
    "beds",
    "weekly_cost",
    "registered_manager",
    "ofsted_rating",
    "ofsted_rating_date",
    "opened_on",
    "closed_on",
)
UNIT_FIELDS = ("name", "kind", "is_active")
# The roles each allocation takes people from.
HOME_PEOPLE = {
    "managers": Role.HOME_MANAGER,
    "independent_visitors": Role.INDEPENDENT_VISITOR,
}


def _only_administrators(user):
    if not has_role(user, *HOME_EDITORS):
        raise PermissionDenied("Only administrators can change homes.")


def _merge(errors, rule, *args):
    try:
        rule(*args)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(
                m for m in messages if m not in errors.get(field, [])
            )


def home_errors(home) -> dict[str, list[str]]:
    """Every rule the home breaks as it stands: its own, and against the stays in it."""
    errors = model_errors(home)
    if "beds" not in errors:
        _merge(errors, check_home_beds, home)
    _merge(errors, check_home_dates, home)
    return errors


def _set(record, changes, allowed):
    only_fields(changes, allowed)
    for field, value in changes.items():
        setattr(record, field, value)


@as_by
@transaction.atomic
def create_home(*, by, **fields) -> Home:
    _only_administrators(by)
    home = Home()
    _set(home, fields, HOME_FIELDS)
    return save_audited(home, errors=home_errors(home))


@as_by
@transaction.atomic
def update_home(home, *, by, expected_version, **fields) -> Home:
    _only_administrators(by)
    locked = Home.objects.select_for_update().get(pk=home.pk)
    check_version(locked, expected_version)
    _set(locked, fields, HOME_FIELDS)
    return save_audited(locked, errors=home_errors(locked))


def _names(people) -> str:
    return ", ".join(sorted(str(person) for person in people)) or None


@as_by
@transaction.atomic
def allocate_home_people(home, *, by, expected_version, **people) -> Home:
    """Set a home's managers and Regulation 44 independent visitors (each a list of people)."""
    _only_administrators(by)
    locked = Home.objects.select_for_update().get(pk=home.pk)
    check_version(locked, expected_version)
    errors = {}
    for field, chosen in people.items():
        role = HOME_PEOPLE[field]
        if any(person.role != role or not person.is_active for person in chosen):
            errors[field] = [f"Choose only people who are {role.label.lower()}s."]
    if errors:
        raise ValidationError(errors)
    before = {field: _names(getattr(locked, field).all()) for field in people}
    for field, chosen in people.items():
        getattr(locked, field).set(chosen)
    if before != {field: _names(chosen) for field, chosen in people.items()}:
        locked.save(update_fields=["version", "updated_at"])
    return locked


def unit_errors(unit) -> dict[str, list[str]]:
    errors = model_errors(unit, exclude=["home"])
    if (
        unit.name
        and Unit.objects.filter(home_id=unit.home_id, name__iexact=unit.name)
        .exclude(pk=unit.pk)
        .exists()
    ):
        errors.setdefault("name", []).append(f"{unit.home} already has a unit called {unit.name}.")
    _merge(errors, check_unit_in_use, unit)
    return errors


@as_by
@transaction.atomic
def add_unit(home, *, by, **fields) -> Unit:
    _only_administrators(by)
    locked = Home.objects.select_for_update().get(pk=home.pk)
    unit = Unit(home=locked)
    _set(unit, fields, UNIT_FIELDS)
    return save_audited(unit, errors=unit_errors(unit))


@as_by
@transaction.atomic
def update_unit(unit, *, by, expected_version, **fields) -> Unit:
    _only_administrators(by)
    Home.objects.select_for_update().filter(pk=unit.home_id).first()
    locked = Unit.objects.select_for_update().select_related("home__home_type").get(pk=unit.pk)
    check_version(locked, expected_version)
    _set(locked, fields, UNIT_FIELDS)
    return save_audited(locked, errors=unit_errors(locked))
