"""The allowance due per week, checked against figures worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from carers import selectors
from carers.models import AllowanceRate, CarerType, LevelFee
from tests.factories import CarerHouseholdFactory, ChildFactory, PlacementFactory

pytestmark = pytest.mark.django_db

OLD_YEAR = datetime.date(2025, 4, 7)
NEW_YEAR = datetime.date(2026, 4, 6)  # the April rate change


@pytest.fixture
def rates():
    for start, amounts in ((OLD_YEAR, (150, 170, 200, 230)), (NEW_YEAR, (160, 180, 210, 245))):
        for (low, high), amount in zip(((0, 4), (5, 10), (11, 15), (16, 17)), amounts, strict=True):
            AllowanceRate.objects.create(
                min_age=low, max_age=high, weekly_amount=Decimal(amount), effective_from=start
            )
        LevelFee.objects.create(
            level=2, weekly_fee=Decimal(100 if start == OLD_YEAR else 110), effective_from=start
        )
        LevelFee.objects.create(level=3, weekly_fee=Decimal(200), effective_from=start)


def household_with(*births, **kwargs):
    household = CarerHouseholdFactory(approved_places=4, **kwargs)
    for born in births:
        PlacementFactory(
            child=ChildFactory(date_of_birth=born),
            home=None,
            carer=household,
            start_date=datetime.date(2025, 1, 6),
            placement_type="U6",
        )
    return household


def due(household, day):
    placements = selectors.current_placements(household, day)
    return selectors.allowance_due(household, placements, day)


def test_rates_change_on_their_date(rates):
    # Children aged 4 and 11 on both days; a level 2 household.
    household = household_with(datetime.date(2021, 6, 1), datetime.date(2014, 6, 1))
    before = due(household, datetime.date(2026, 4, 5))
    after = due(household, NEW_YEAR)
    assert [c.weekly_amount for c in before.children] == [Decimal(150), Decimal(200)]
    assert before.level_fee == Decimal(100)
    assert before.total == Decimal(450)  # 150 + 200 + 100
    assert after.total == Decimal(480)  # 160 + 210 + 110


def test_age_band_follows_the_birthday(rates):
    # Turns 5 on 1 May 2026 and 16 on 2 May 2026.
    household = household_with(datetime.date(2021, 5, 1), datetime.date(2010, 5, 2))
    on_30_april = due(household, datetime.date(2026, 4, 30))
    on_1_may = due(household, datetime.date(2026, 5, 1))
    on_2_may = due(household, datetime.date(2026, 5, 2))
    assert [c.age for c in on_30_april.children] == [4, 15]
    assert on_30_april.total == Decimal(160 + 210 + 110)
    assert on_1_may.total == Decimal(180 + 210 + 110)
    assert on_2_may.total == Decimal(180 + 245 + 110)


def test_level_fee_depends_on_the_level_and_is_paid_once(rates):
    level_3 = household_with(datetime.date(2014, 6, 1), datetime.date(2014, 7, 1), level=3)
    no_level = household_with(datetime.date(2014, 6, 1), level=None)
    day = datetime.date(2026, 6, 1)
    assert due(level_3, day).total == Decimal(210 + 210 + 200)
    assert due(no_level, day).level_fee is None
    assert due(no_level, day).total == Decimal(210)


def test_no_fee_without_children(rates):
    assert due(household_with(), datetime.date(2026, 6, 1)).total == Decimal(0)


def test_agency_household_is_paid_its_weekly_cost_per_child(rates):
    agency = household_with(
        datetime.date(2014, 6, 1),
        datetime.date(2020, 6, 1),
        carer_type=CarerType.AGENCY,
        weekly_cost=Decimal("925.50"),
        level=3,
    )
    result = due(agency, datetime.date(2026, 6, 1))
    assert result.agency and result.level_fee is None
    assert result.total == Decimal("1851.00")


def test_a_child_outside_every_band_is_flagged(rates):
    household = household_with(datetime.date(2008, 1, 1))  # 18 in June 2026
    result = due(household, datetime.date(2026, 6, 1))
    assert result.missing_rates
    assert result.total == Decimal(110)


def test_no_rate_before_the_first_one_starts(rates):
    household = household_with(datetime.date(2014, 6, 1))
    result = due(household, datetime.date(2025, 4, 6))
    assert result.missing_rates and result.level_fee is None


def test_allowance_takes_two_queries_whatever_the_number_of_children(
    rates, django_assert_num_queries
):
    household = household_with(*[datetime.date(2010 + n, 1, 1) for n in range(4)])
    placements = selectors.current_placements(household, datetime.date(2026, 6, 1))
    with django_assert_num_queries(2):
        selectors.allowance_due(household, placements, datetime.date(2026, 6, 1))
