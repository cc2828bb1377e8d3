"""A small, hand-counted council for checking the board measures, centred on October 2026.

Every expected figure in the tests is worked out by hand from the comments here.
Homes (October has 31 nights):
  A  Safe Space, own, 5 beds, rated good              155 bed-nights available
  B  Residential, external, 2 beds, £7,000, outstanding 62
  C  Residential, own, 3 beds, closed 16 October        45 (1-15 October)
  D  Residential, external, 1 bed, £3,500, requires improvement; 1 bed blocked 1-10 October
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from carers.models import CarerType
from homes.models import OfstedRating, Provision
from placements.models import Outcome, StayExtension
from tests.factories import (
    BedBlockFactory,
    CareLeaverFactory,
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
    home_type,
)

D = datetime.date


@dataclass
class Council:
    homes: dict
    children: dict


def _extension(placement, extend_to, decided_on, by):
    return StayExtension.objects.create(
        placement=placement,
        extend_to=extend_to,
        reason="Plan to return home needs more time",
        status=StayExtension.Status.AUTHORISED,
        decided_by=by,
        decided_at=timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(10))),
    )


def build() -> Council:
    manager = UserFactory(username="head-of-service")
    safe_space, residential = home_type("safe-space"), home_type("residential")
    a = HomeFactory(
        name="Aspen House",
        home_type=safe_space,
        beds=5,
        ofsted_rating=OfstedRating.GOOD,
        postcode="LS7 1AA",
    )
    b = HomeFactory(
        name="Birch Lodge",
        home_type=residential,
        beds=2,
        provision=Provision.EXTERNAL,
        weekly_cost=Decimal("7000"),
        ofsted_rating=OfstedRating.OUTSTANDING,
    )
    c = HomeFactory(name="Cedar Court", home_type=residential, beds=3, closed_on=D(2026, 10, 16))
    d = HomeFactory(
        name="Damson View",
        home_type=residential,
        beds=1,
        provision=Provision.EXTERNAL,
        weekly_cost=Decimal("3500"),
        ofsted_rating=OfstedRating.REQUIRES_IMPROVEMENT,
    )
    BedBlockFactory(home=d, beds=1, start_date=D(2026, 10, 1), end_date=D(2026, 10, 11))
    BedBlockFactory(home=d, beds=1, start_date=D(2026, 10, 20), cancelled=True)

    foster = CarerHouseholdFactory()
    agency = CarerHouseholdFactory(carer_type=CarerType.AGENCY, weekly_cost=Decimal("1000"))
    kids = {n: ChildFactory() for n in range(1, 14)}
    kids[6].date_of_birth = D(2014, 1, 1)
    kids[11].date_of_birth = D(2008, 1, 1)
    kids[12].date_of_birth = D(2015, 3, 3)
    for n in (6, 11, 12):
        kids[n].save()

    cost = {"weekly_cost": Decimal("4000")}
    # Safe Space (A). October nights: s1 9, s2 27, s3 19, s4 31, s5 31 = 117.
    PlacementFactory(
        child=kids[1],
        home=a,
        start_date=D(2026, 9, 25),
        end_date=D(2026, 10, 10),
        outcome=Outcome.RETURNED_HOME,
        **cost,
    )  # 15 days: half to full limit
    PlacementFactory(child=kids[2], home=a, start_date=D(2026, 10, 5), distance_miles=5, **cost)
    PlacementFactory(
        child=kids[3],
        home=a,
        start_date=D(2026, 8, 1),
        end_date=D(2026, 10, 20),
        outcome=Outcome.ANOTHER_HOME,
        **cost,
    )  # 80 days: over the limit, a breach
    s4 = PlacementFactory(child=kids[4], home=a, start_date=D(2026, 9, 1), **cost)
    _extension(s4, D(2026, 12, 1), D(2026, 10, 3), manager)  # covers October: no breach
    s5 = PlacementFactory(child=kids[5], home=a, start_date=D(2026, 9, 1), **cost)
    _extension(s5, D(2026, 10, 15), D(2026, 9, 20), manager)  # runs out mid-October: a breach
    PlacementFactory(child=kids[9], home=a, start_date=D(2026, 10, 2), entered_in_error=True)

    # Child 2's earlier moves this year: three placements in twelve months.
    PlacementFactory(
        child=kids[2], home=None, carer=foster, start_date=D(2026, 1, 1), end_date=D(2026, 5, 1)
    )
    PlacementFactory(
        child=kids[2], home=None, carer=foster, start_date=D(2026, 5, 1), end_date=D(2026, 10, 5)
    )

    # Residential: B full all month (62), C 15 nights, D empty.
    PlacementFactory(
        child=kids[6], home=None, carer=foster, start_date=D(2023, 1, 1), end_date=D(2026, 1, 1)
    )
    PlacementFactory(
        child=kids[6],
        home=b,
        start_date=D(2026, 1, 1),
        distance_miles=40,
        weekly_cost=Decimal("7000"),
    )
    PlacementFactory(child=kids[10], home=b, start_date=D(2026, 6, 1), weekly_cost=Decimal("6000"))
    PlacementFactory(
        child=kids[7],
        home=c,
        start_date=D(2025, 1, 1),
        end_date=D(2026, 10, 16),
        outcome=Outcome.FOSTER_CARE,
    )
    PlacementFactory(
        child=kids[8],
        home=c,
        start_date=D(2025, 1, 1),
        end_date=D(2026, 9, 30),
        outcome=Outcome.KINSHIP,
    )

    # Foster care: agency (far, outside the area), a settled in-house placement, a short break.
    PlacementFactory(
        child=kids[11],
        home=None,
        carer=agency,
        start_date=D(2026, 3, 1),
        distance_miles=25,
        outside_council_area=True,
        weekly_cost=Decimal("1000"),
    )
    PlacementFactory(
        child=kids[12],
        home=None,
        carer=foster,
        start_date=D(2020, 1, 1),
        weekly_cost=Decimal("500"),
    )
    PlacementFactory(
        child=kids[13],
        home=None,
        carer=foster,
        start_date=D(2026, 10, 30),
        is_short_break=True,
        distance_miles=50,
    )

    # Care leavers on 31 October 2026.
    CareLeaverFactory(
        child__date_of_birth=D(2009, 1, 1), activity="F2", accommodation_suitable=True
    )  # 17
    CareLeaverFactory(
        child__date_of_birth=D(2008, 11, 1), activity="G5", accommodation_suitable=False
    )  # 17 (18 tomorrow)
    CareLeaverFactory(
        child__date_of_birth=D(2007, 6, 1),
        activity="P5",
        accommodation_suitable=True,
        staying_put=True,
    )  # 19
    CareLeaverFactory(child__date_of_birth=D(2004, 11, 1), staying_close=True)  # 21
    CareLeaverFactory(child__date_of_birth=D(2004, 10, 31), staying_close=True)  # 22
    return Council(homes={"A": a, "B": b, "C": c, "D": d}, children=kids)
