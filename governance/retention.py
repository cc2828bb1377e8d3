"""The retention schedule (README, "Keeping records"): a child's care records are kept until
their 75th birthday (Care Planning, Placement and Case Review (England) Regulations 2010,
reg 50; Children's Homes (England) Regulations 2015, reg 36 and Schedule 3). Nothing is
hard-deleted, ever. Once the 75th birthday has passed, what identifies the child is blanked:

- the child's names become "Anonymised", their identifier `ANON<id>`, their date of birth the
  1 January of its year, their UPN and postcode blank;
- on every record about them (found as the subject access request finds them), free text and
  postcodes are blanked;
- the audit trail's rows about those records keep who did what and when, but no longer the
  record's name or the values changed;
- an Anonymisation row marks the child done; the trail has a row for each record changed.

Set-based: a few statements per kind of record, whatever the number of children."""

import datetime

from django.db import connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Concat, TruncYear

from audit.capture import audited_models
from audit.models import AuditEvent
from children.models import Child

from .models import Anonymisation
from .subject_access import models_about_children

KEPT_YEARS = 75
ANONYMISED = "Anonymised"
WHY = f"anonymised: {KEPT_YEARS}th birthday passed (retention schedule)"


def born_on_or_before(on: datetime.date) -> datetime.date:
    """The latest date of birth whose 75th birthday is on or before `on`. Someone born on
    29 February turns 75 on 1 March in a year that has none."""
    try:
        return on.replace(year=on.year - KEPT_YEARS)
    except ValueError:  # `on` is 29 February; 75 years earlier had no such day
        return on.replace(year=on.year - KEPT_YEARS, day=28)


def due(on: datetime.date):
    return Child.objects.filter(
        date_of_birth__lte=born_on_or_before(on), anonymisation__isnull=True
    )


def _blankable(model) -> dict:
    return {
        f.name: Value("")
        for f in model._meta.concrete_fields
        # Generated columns are worked out again by the database from what is blanked.
        if not f.generated
        and (
            isinstance(f, models.TextField)
            or (isinstance(f, models.CharField) and "postcode" in f.name)
        )
    }


def _moved_on(model) -> dict:
    """A new version, so a form opened before the job cannot save the old names back."""
    names = {f.name for f in model._meta.concrete_fields}
    return {"version": F("version") + 1} if "version" in names else {}


def _trail(model, ids) -> list[AuditEvent]:
    label = model._meta.label_lower
    return [
        AuditEvent(
            action=AuditEvent.Action.UPDATE,
            object_type=label,
            object_id=str(pk),
            changes={"retention": [None, WHY]},
        )  # fmt: skip
        for pk in ids
    ]


@transaction.atomic
def apply(on: datetime.date) -> int:
    """Anonymise the children whose 75th birthday is on or before `on`; how many."""
    children = list(due(on).select_for_update(of=("self",)).values_list("pk", "local_id"))
    if not children:
        return 0
    ids = [pk for pk, _ in children]
    trail = []
    audited = set(audited_models())
    for model, links in models_about_children():
        fields = _blankable(model)
        if not fields:
            continue
        about = Q()
        for link in links:
            about |= Q(**{f"{link}__in": ids})
        found = list(model._base_manager.filter(about).values_list("pk", flat=True))
        model._base_manager.filter(pk__in=found).update(**fields, **_moved_on(model))
        if model in audited:
            trail += _trail(model, found)
    chosen = Child.objects.filter(pk__in=ids)
    chosen.update(
        first_name=Value(ANONYMISED),
        last_name=Value(ANONYMISED),
        local_id=Concat(Value("ANON"), Cast("pk", models.CharField())),
        date_of_birth=TruncYear("date_of_birth"),
        upn=Value(""),
        home_postcode=Value(""),
        **_moved_on(Child),
    )
    trail += _trail(Child, ids)
    _forget_in_trail(children, trail)
    marks = Anonymisation.objects.bulk_create(Anonymisation(child_id=pk, on=on) for pk in ids)
    trail += _trail(Anonymisation, [mark.pk for mark in marks])
    AuditEvent.objects.bulk_create(trail, batch_size=2000)
    return len(ids)


def _forget_in_trail(children, trail) -> None:
    """The trail's rows about these records: keep who, what and when; blank the names."""
    about = Q(pk__in=[])
    for _, local_id in children:
        about |= Q(object_label__contains=f"({local_id})")
    by_type = {}
    for event in trail:
        by_type.setdefault(event.object_type, []).append(event.object_id)
    for object_type, object_ids in by_type.items():
        about |= Q(object_type=object_type, object_id__in=object_ids)
    if connection.vendor != "postgresql":
        AuditEvent.objects.filter(about).redact(object_label="", changes={})
        return
    with connection.cursor() as cursor:  # the one change the trail's trigger lets through
        cursor.execute("SET LOCAL homeward.retention = 'on'")
        AuditEvent.objects.filter(about).redact(object_label="", changes={})
        cursor.execute("SET LOCAL homeward.retention = 'off'")
