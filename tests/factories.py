"""Factories for tests: believable defaults, every rule satisfied unless a test says otherwise."""

import datetime
from decimal import Decimal

import factory

from accounts.models import Role, User
from careleavers.models import CareLeaver, Eligibility
from carers.models import ApprovalStatus, Carer, CarerHousehold, CarerType
from children.models import Child, ChildStatus
from homes.models import BedBlock, Home, HomeType, Unit
from placements.models import Placement


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    role = Role.SOCIAL_WORKER
    password = factory.django.Password("correct horse battery staple")


def home_type(code: str) -> HomeType:
    """One of the standard home types the data migration installs."""
    return HomeType.objects.get(code=code)


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Home {n}")
    home_type = factory.LazyFunction(lambda: home_type("residential"))
    postcode = "LS6 2AA"
    beds = 4
    ofsted_urn = factory.Sequence(lambda n: f"SC{n:06d}")
    opened_on = datetime.date(2010, 1, 1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    home = factory.SubFactory(HomeFactory)
    name = factory.Sequence(lambda n: f"Bed {n}")


class BedBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BedBlock

    home = factory.SubFactory(HomeFactory)
    beds = 1
    start_date = datetime.date(2026, 1, 1)
    reason = BedBlock.Reason.REPAIRS


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    local_id = factory.Sequence(lambda n: f"LC{n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = datetime.date(2012, 6, 15)
    sex = "F"
    ethnicity = "WBRI"
    home_postcode = "LS1 1AA"
    category_of_need = "N1"
    status = ChildStatus.LOOKED_AFTER


class CarerHouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarerHousehold

    reference = factory.Sequence(lambda n: f"FC{n:05d}")
    name = factory.Sequence(lambda n: f"Household {n}")
    carer_type = CarerType.FOSTER
    postcode = "LS8 1AA"
    urn = "SC555555"  # the council's fostering service
    approval_status = ApprovalStatus.APPROVED
    approved_on = datetime.date(2020, 1, 1)
    level = 2
    approved_places = 2
    min_age = 0
    max_age = 17


class CarerFactory(factory.django.DjangoModelFactory):
    """A person living in a carer household."""

    class Meta:
        model = Carer

    household = factory.SubFactory(CarerHouseholdFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = datetime.date(1980, 5, 4)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A raw ledger row. Tests of the rules go through placements.services instead."""

    class Meta:
        model = Placement

    child = factory.SubFactory(ChildFactory)
    home = factory.SubFactory(HomeFactory)
    start_date = datetime.date(2026, 1, 5)
    legal_status = "C2"
    placement_type = "K2"
    provider = "PR1"
    reason_new_episode = "S"
    weekly_cost = Decimal("0")


class CareLeaverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareLeaver

    child = factory.SubFactory(
        ChildFactory, date_of_birth=datetime.date(2006, 3, 1), status=ChildStatus.CARE_LEAVER
    )
    eligibility = Eligibility.FORMER_RELEVANT
