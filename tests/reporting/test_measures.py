"""Each board measure against the hand-counted council in tests/reporting/council.py."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from reporting import periods
from reporting.measures import (
    care_leavers,
    common,
    cost,
    destinations,
    quality,
    stability,
    stays,
    sufficiency,
)

from . import council

OCTOBER = periods.month(2026, 10)
SAFE_SPACE = "Safe Space"
RESIDENTIAL = "Residential children's home"


@pytest.fixture
def town(db):
    return council.build()


def test_beds_by_home_type_counts_homes_open_on_the_last_day(town):
    beds = sufficiency.beds_by_home_type(OCTOBER)
    assert beds["by_type"] == {
        SAFE_SPACE: {"homes": 1, "beds": 5},
        RESIDENTIAL: {"homes": 2, "beds": 3},  # Cedar Court closed mid-month
    }
    assert beds["by_provision"] == {
        "Council's own home": {"homes": 1, "beds": 5},
        "External provider": {"homes": 2, "beds": 3},
    }


def test_occupancy_counts_bed_nights_within_the_period(town):
    result = sufficiency.occupancy(OCTOBER)
    assert result["all"] == {"available": 293, "occupied": 194, "blocked": 10}
    assert result[SAFE_SPACE] == {"available": 155, "occupied": 117, "blocked": 0}
    assert result[RESIDENTIAL] == {"available": 138, "occupied": 77, "blocked": 10}


def test_blocked_beds_cost_what_the_external_home_charges(town):
    assert sufficiency.blocked_beds(OCTOBER) == {
        "nights": 10,
        "external_nights": 10,
        "external_cost": Decimal("5000"),
    }


def test_homes_below_capacity(town):
    result = sufficiency.homes_below_capacity(OCTOBER)
    assert result == {
        "count": 3,
        "of": 4,
        "homes": ["Aspen House", "Cedar Court", "Damson View"],
    }


@time_machine.travel(datetime.datetime(2026, 10, 31, 12, 0), tick=False)
def test_vacancies_today(town):
    assert sufficiency.vacancies_today() == {SAFE_SPACE: 2, RESIDENTIAL: 1, "all": 3}


def test_stays_started_and_ended_leave_out_records_entered_in_error(town):
    assert stays.stays_started_and_ended(OCTOBER) == {
        "all": {"started": 1, "ended": 3},
        SAFE_SPACE: {"started": 1, "ended": 2},
        RESIDENTIAL: {"started": 0, "ended": 1},
    }


def test_length_of_stay_against_the_limit(town):
    result = stays.length_of_stay(OCTOBER)
    assert result[SAFE_SPACE] == {
        "up to half the limit": 0,
        "half to the full limit": 1,
        "over the limit": 1,
    }
    assert set(result) == {SAFE_SPACE, "MST home", "Towards Home"}
    assert sum(result["MST home"].values()) == 0


def test_breaches_honour_authorised_extensions(town):
    result = stays.breaches(OCTOBER)
    assert result[SAFE_SPACE] == 2  # one with no extension, one whose extension ran out
    assert stays.breaches(periods.month(2026, 8))[SAFE_SPACE] == 1  # over from 29 August
    assert stays.breaches(periods.month(2026, 7))[SAFE_SPACE] == 0


def test_extensions_authorised_in_the_period(town):
    assert stays.extensions_authorised(OCTOBER) == {SAFE_SPACE: 1}
    assert stays.extensions_authorised(periods.month(2026, 9)) == {SAFE_SPACE: 1}


def test_destinations_of_ended_stays(town):
    assert destinations.destinations(OCTOBER) == {
        SAFE_SPACE: {"Returned home to family": 1, "Another children's home": 1},
        RESIDENTIAL: {"Foster care": 1},
    }


def test_three_or_more_placements_in_twelve_months(town):
    assert stability.three_or_more_placements(OCTOBER) == {"count": 1, "of": 7}


def test_long_term_stability(town):
    assert stability.long_term_stability(OCTOBER) == {"count": 1, "of": 2}


def test_placement_location(town):
    assert stability.placement_location(OCTOBER) == {"far": 2, "outside": 1, "unknown": 4, "of": 7}


def test_placement_costs_on_the_last_day(town):
    assert cost.placement_costs(OCTOBER) == {
        "external": {"count": 2, "weekly": Decimal("13000")},
        "agency": {"count": 1, "weekly": Decimal("1000")},
        "in_house": {"count": 3, "weekly": Decimal("12000")},
    }


def test_cost_trend_has_twelve_month_ends(town):
    trend = cost.cost_trend(OCTOBER)
    assert [day for day, _ in trend][-2:] == [
        datetime.date(2026, 9, 30),
        datetime.date(2026, 10, 31),
    ]
    assert len(trend) == 12
    assert trend[-1][1] == {
        "external": Decimal("13000"),
        "agency": Decimal("1000"),
        "in_house": Decimal("12000"),
    }
    assert trend[-2][1]["in_house"] == Decimal("16000")


def test_care_leavers_by_age_band(town):
    assert care_leavers.care_leavers(OCTOBER) == {
        "17-18": {"of": 2, "eet": 1, "suitable": 1},
        "19-21": {"of": 2, "eet": 1, "suitable": 1},
        "staying_put": 1,
        "staying_close": 2,
    }


def test_ofsted_ratings_of_open_homes(town):
    result = quality.ofsted_ratings(OCTOBER)
    assert [h["name"] for h in result["homes"]] == ["Aspen House", "Birch Lodge", "Damson View"]
    assert result["counts"]["Good"] == 1
    assert result["counts"]["Outstanding"] == 1
    assert result["counts"]["Requires improvement to be good"] == 1
    assert result["counts"]["Inadequate"] == 0


def test_every_measure_has_a_definition():
    for name in (
        "beds_by_home_type",
        "occupancy",
        "blocked_beds",
        "homes_below_capacity",
        "vacancies_today",
        "stays_started_and_ended",
        "length_of_stay",
        "breaches",
        "extensions_authorised",
        "destinations",
        "three_or_more_placements",
        "long_term_stability",
        "placement_location",
        "placement_costs",
        "cost_trend",
        "care_leavers",
        "ofsted_ratings",
        "reg44_visits",
        "reg44_recommendations",
    ):
        assert common.DEFINITIONS[name].text
