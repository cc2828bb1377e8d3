"""Knowing when the board's stored figures are out of date.

Every committed save or delete of a record the measures count moves one number on (DataVersion).
A snapshot remembers the number it was made at; when the number has moved, the snapshot may be
out of date (reporting.snapshots). The number moves after the commit, in a one-statement
transaction of its own, so writers never wait for each other on it; and a snapshot reads the
number before it counts anything, so a change it missed always leaves it behind the number.

Saves are heard through Django's signals, so every write path counts (services, forms, the admin,
seed_demo); writes that bypass the ORM's save (generate_synthetic's COPY) call `changed()`.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from careleavers.models import CareLeaver
from carers.models import CarerHousehold
from children.models import Child
from homes.models import BedBlock, Home, HomeType
from inspections.models import Recommendation, Reg44Visit
from placements.models import Placement, StayExtension

from .models import DataVersion

# What reporting.measures read.
COUNTED = (
    Placement,
    StayExtension,
    Home,
    HomeType,
    BedBlock,
    CarerHousehold,
    Child,
    CareLeaver,
    Reg44Visit,
    Recommendation,
)


def current() -> int:
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def _bump():
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def changed():
    """The records the figures count have changed: move the number on once this commits."""
    transaction.on_commit(_bump)


def _heard(sender, **kwargs):
    if not kwargs.get("raw"):  # loaddata writes fixtures as they are; no figure is made yet
        changed()


def connect():
    for model in COUNTED:
        post_save.connect(_heard, sender=model, dispatch_uid=f"board-figures-{model.__name__}")
        post_delete.connect(_heard, sender=model, dispatch_uid=f"board-figures-d-{model.__name__}")
