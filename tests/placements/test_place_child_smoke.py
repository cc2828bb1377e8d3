import datetime

import pytest
from django.core.exceptions import ValidationError

from placements import services
from tests.factories import ChildFactory, HomeFactory, home_type


@pytest.mark.django_db
def test_place_child_fills_codes_distance_and_refuses_a_full_home(social_worker):
    home = HomeFactory(beds=1, postcode="BD1 1AA")
    first = services.place_child(
        child=ChildFactory(),
        home=home,
        start_date=datetime.date(2026, 1, 5),
        legal_status="C2",
        by=social_worker,
    )
    assert (first.placement_type, first.provider, first.urn) == ("K2", "PR1", home.ofsted_urn)
    assert first.distance_miles is not None and first.distance_miles > 5
    assert first.outside_council_area is True  # Bradford is not Leeds

    with pytest.raises(ValidationError) as refused:
        services.place_child(
            child=ChildFactory(),
            home=home,
            start_date=datetime.date(2026, 2, 1),
            legal_status="C2",
            by=social_worker,
        )
    assert "no free bed" in str(refused.value)


@pytest.mark.django_db
def test_safe_space_needs_a_planned_end_within_28_days(social_worker):
    home = HomeFactory(home_type=home_type("safe-space"))
    child = ChildFactory(date_of_birth=datetime.date(2011, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.place_child(
            child=child,
            home=home,
            start_date=datetime.date(2026, 1, 1),
            planned_end_date=datetime.date(2026, 1, 30),
            legal_status="V2",
            by=social_worker,
        )
    assert "on or before 29/01/2026" in str(refused.value)
