"""Each placement rule, through the service every write path uses. Each test fails if its
rule is taken out of placements.rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carers.models import ApprovalStatus
from placements import bed_blocks, services
from placements.models import Placement, StayExtension
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    UnitFactory,
    home_type,
)

pytestmark = pytest.mark.django_db
JAN_5 = datetime.date(2026, 1, 5)


def place(by, **kwargs):
    kwargs.setdefault("child", ChildFactory())
    kwargs.setdefault("start_date", JAN_5)
    kwargs.setdefault("legal_status", "C2")
    return services.place_child(by=by, **kwargs)


def refused(by, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        place(by, **kwargs)
    return " ".join(m for messages in error.value.message_dict.values() for m in messages)


# Rule 1: a child has at most one placement at a time.


def test_a_child_cannot_be_in_two_places_at_once(social_worker):
    child = ChildFactory(first_name="Ava", last_name="Jones")
    place(social_worker, child=child, home=HomeFactory(name="Oak House"))
    message = refused(
        social_worker, child=child, home=HomeFactory(), start_date=datetime.date(2026, 2, 1)
    )
    assert "Ava Jones is already placed at Oak House" in message
    assert "End or move that placement first" in message


def test_a_move_on_the_same_day_is_not_an_overlap(social_worker):
    child = ChildFactory()
    first = place(social_worker, child=child, home=HomeFactory())
    second = services.move_child(
        first,
        move_date=datetime.date(2026, 2, 1),
        reason_placement_change="CARPL",
        home=HomeFactory(),
        by=social_worker,
    )
    first.refresh_from_db()
    assert first.end_date == second.start_date == datetime.date(2026, 2, 1)
    assert first.reason_episode_ceased == "X1" and first.outcome == "another_home"


def test_a_placement_entered_in_error_no_longer_blocks_the_child(social_worker):
    child = ChildFactory()
    mistake = place(social_worker, child=child, home=HomeFactory())
    services.correct_placement(mistake, reason="Wrong child chosen", by=social_worker)
    assert place(social_worker, child=child, home=HomeFactory()).pk
    mistake.refresh_from_db()
    assert mistake.entered_in_error and Placement.objects.filter(pk=mistake.pk).exists()


# Rule 2: a home never holds more children than its beds minus blocked beds, on any day.


def test_a_full_home_refuses_another_child(social_worker):
    home = HomeFactory(name="Birch House", beds=2)
    place(social_worker, home=home)
    place(social_worker, home=home)
    assert "Birch House has no free bed" in refused(social_worker, home=home)


def test_a_blocked_bed_cannot_be_booked(social_worker):
    home = HomeFactory(beds=2)
    place(social_worker, home=home)
    bed_blocks.block_beds(
        home=home,
        beds=1,
        start_date=datetime.date(2026, 3, 1),
        end_date=None,
        reason="repairs",
        by=social_worker,
    )
    # The bed is free in February, but an open-ended stay would run into the block.
    assert "no free bed" in refused(social_worker, home=home, start_date=datetime.date(2026, 2, 1))


def test_the_bed_is_free_again_when_the_block_ends(social_worker):
    home = HomeFactory(beds=1)
    block = bed_blocks.block_beds(
        home=home,
        beds=1,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 1, 10),
        reason="repairs",
        by=social_worker,
    )
    assert "no free bed" in refused(social_worker, home=home, start_date=datetime.date(2026, 1, 9))
    assert place(social_worker, home=home, start_date=block.end_date).pk


def test_a_cancelled_block_frees_the_bed(social_worker):
    home = HomeFactory(beds=1)
    block = bed_blocks.block_beds(
        home=home, beds=1, start_date=JAN_5, end_date=None, reason="repairs", by=social_worker
    )
    bed_blocks.cancel_block(block, by=social_worker)
    assert place(social_worker, home=home).pk


def test_the_busiest_day_counts_not_the_first(social_worker):
    home = HomeFactory(beds=1)
    future = place(social_worker, home=home, start_date=datetime.date(2026, 4, 1))
    assert future.pk
    # Free on 5 January, but the bed is taken from 1 April and this stay has no end.
    assert "no free bed" in refused(social_worker, home=home)


def test_a_block_cannot_take_a_bed_a_child_is_in(social_worker):
    home = HomeFactory(beds=1)
    place(social_worker, home=home)
    with pytest.raises(ValidationError) as error:
        bed_blocks.block_beds(
            home=home,
            beds=1,
            start_date=datetime.date(2026, 2, 1),
            end_date=None,
            reason="repairs",
            by=social_worker,
        )
    assert "does not have 1 empty bed" in str(error.value)


def test_a_unit_holds_one_young_person_at_a_time(social_worker):
    home = HomeFactory(home_type=home_type("interdependence"), beds=3)
    flat = UnitFactory(home=home, name="Trainer flat", kind="trainer_flat")
    teen = datetime.date(2009, 1, 1)
    place(social_worker, home=home, unit=flat, child=ChildFactory(date_of_birth=teen))
    message = refused(social_worker, home=home, unit=flat, child=ChildFactory(date_of_birth=teen))
    assert "Trainer flat is taken" in message


# Rule 3: the child's age fits the home type's range at the start.


def test_a_child_too_young_for_the_home_type_is_refused(social_worker):
    home = HomeFactory(home_type=home_type("towards-home"), name="Towards Home North")
    child = ChildFactory(date_of_birth=datetime.date(2016, 1, 1), first_name="Leo", last_name="Ray")
    message = refused(
        social_worker, child=child, home=home, planned_end_date=datetime.date(2026, 7, 1)
    )
    assert "Leo Ray is 10 on 05/01/2026, outside the ages 11 to 17" in message


def test_age_is_taken_on_the_start_date(social_worker):
    home = HomeFactory(home_type=home_type("towards-home"))
    child = ChildFactory(date_of_birth=datetime.date(2015, 1, 5))  # 11 on 5 January 2026
    assert place(
        social_worker, child=child, home=home, planned_end_date=datetime.date(2026, 7, 1)
    ).pk


# Rule 4: the planned end may not pass the stay limit without an authorised extension.


def safe_space_stay(by, **kwargs):
    return place(
        by,
        home=HomeFactory(home_type=home_type("safe-space")),
        child=ChildFactory(date_of_birth=datetime.date(2011, 1, 1)),
        legal_status="V2",
        **kwargs,
    )


def test_safe_space_stays_end_within_28_days(social_worker):
    assert safe_space_stay(social_worker, planned_end_date=datetime.date(2026, 2, 2)).pk
    with pytest.raises(ValidationError) as error:
        safe_space_stay(social_worker, planned_end_date=datetime.date(2026, 2, 3))
    assert "must be on or before 02/02/2026" in str(error.value)
    with pytest.raises(ValidationError) as error:
        safe_space_stay(social_worker)
    assert "must have a planned end date" in str(error.value)


def test_an_authorised_extension_moves_the_limit_for_that_stay_only(social_worker, administrator):
    stay = safe_space_stay(social_worker, planned_end_date=datetime.date(2026, 2, 2))
    with pytest.raises(ValidationError):
        services.change_planned_end(
            stay, planned_end_date=datetime.date(2026, 2, 9), by=social_worker
        )

    request = services.request_extension(
        stay,
        extend_to=datetime.date(2026, 2, 9),
        reason="Family work needs another week",
        by=social_worker,
    )
    with pytest.raises(Exception, match="head of service"):
        services.decide_extension(request, authorise=True, note="ok", by=social_worker)
    decided = services.decide_extension(
        request, authorise=True, note="Return home planned for 9 Feb", by=administrator
    )
    stay.refresh_from_db()
    assert decided.status == StayExtension.Status.AUTHORISED and decided.decided_by == administrator
    assert stay.planned_end_date == datetime.date(2026, 2, 9)
    assert stay.extensions.get().reason == "Family work needs another week"
    with pytest.raises(ValidationError):
        safe_space_stay(social_worker, planned_end_date=datetime.date(2026, 2, 9))


def test_a_refused_extension_moves_nothing(social_worker, administrator):
    stay = safe_space_stay(social_worker, planned_end_date=datetime.date(2026, 2, 2))
    request = services.request_extension(
        stay, extend_to=datetime.date(2026, 2, 9), reason="More time", by=social_worker
    )
    services.decide_extension(
        request, authorise=False, note="Move on plan agreed", by=administrator
    )
    stay.refresh_from_db()
    assert stay.planned_end_date == datetime.date(2026, 2, 2)


def test_a_short_break_lasts_at_most_17_days(social_worker):
    home = HomeFactory(home_type=home_type("complex-needs"))
    ok = place(
        social_worker,
        home=home,
        is_short_break=True,
        legal_status="V3",
        planned_end_date=datetime.date(2026, 1, 22),
    )
    assert ok.pk
    with pytest.raises(ValidationError) as error:
        place(
            social_worker,
            home=home,
            is_short_break=True,
            legal_status="V3",
            planned_end_date=datetime.date(2026, 1, 23),
        )
    assert "at most 17 days" in str(error.value)


# Rule 5: a carer household is approved, within its places and its age range.


def test_an_unapproved_household_cannot_take_a_child(social_worker):
    carer = CarerHouseholdFactory(
        name="The Patel household", approval_status=ApprovalStatus.IN_ASSESSMENT, approved_on=None
    )
    assert "The Patel household is not approved" in refused(social_worker, carer=carer, home=None)


def test_a_household_approved_later_cannot_take_a_child_now(social_worker):
    carer = CarerHouseholdFactory(approved_on=datetime.date(2026, 2, 1))
    assert "not approved to care for children on 05/01/2026" in refused(social_worker, carer=carer)


def test_a_household_takes_no_more_than_its_approved_places(social_worker):
    carer = CarerHouseholdFactory(approved_places=1, name="The Khan household")
    place(social_worker, carer=carer)
    assert "approved for 1 child at a time" in refused(social_worker, carer=carer)


def test_a_household_takes_only_its_approved_ages(social_worker):
    carer = CarerHouseholdFactory(min_age=0, max_age=5)
    assert "outside the ages 0 to 5" in refused(social_worker, carer=carer)


def test_a_temporary_approval_limits_the_planned_end(social_worker):
    carer = CarerHouseholdFactory(
        approval_status=ApprovalStatus.TEMPORARY, approval_ends_on=datetime.date(2026, 4, 1)
    )
    assert "temporary approval ends on 01/04/2026" in refused(social_worker, carer=carer)
    within = place(social_worker, carer=carer, planned_end_date=datetime.date(2026, 3, 31))
    assert within.placement_type == "U6" and within.provider == "PR1"


# Dates and the ledger.


def test_an_end_before_the_start_is_refused(social_worker):
    with pytest.raises(ValidationError) as error:
        place(social_worker, home=HomeFactory(), planned_end_date=datetime.date(2026, 1, 1))
    assert "planned end date must be after the start date" in str(error.value)


def test_a_placement_can_end_on_a_day_still_to_come_but_not_before_it_began(social_worker):
    stay = place(social_worker, home=HomeFactory())
    ending = {"outcome": "returned_home", "reason_episode_ceased": "E4A", "by": social_worker}
    with pytest.raises(ValidationError, match="must be after the placement started on"):
        services.end_placement(stay, end_date=stay.start_date, **ending)
    ended = services.end_placement(stay, end_date=datetime.date(2099, 1, 1), **ending)
    assert ended.end_date == datetime.date(2099, 1, 1)


def test_every_change_is_in_the_audit_trail(social_worker):
    from audit.models import AuditEvent

    stay = place(social_worker, home=HomeFactory())
    services.end_placement(
        stay,
        end_date=datetime.date(2026, 2, 1),
        outcome="returned_home",
        reason_episode_ceased="E4A",
        by=social_worker,
    )
    events = AuditEvent.objects.filter(object_type="placements.placement", object_id=str(stay.pk))
    assert [e.action for e in events.order_by("at", "id")] == ["create", "update"]
    assert events.order_by("id").last().changes["end_date"] == [None, "1 February 2026"]


def test_nothing_is_hard_deleted(social_worker):
    from core.models import HardDeleteForbidden

    stay = place(social_worker, home=HomeFactory())
    with pytest.raises(HardDeleteForbidden):
        stay.delete()
    with pytest.raises(HardDeleteForbidden):
        Placement.objects.all().delete()
    with pytest.raises(HardDeleteForbidden):
        stay.child.delete()
    assert Placement.objects.filter(pk=stay.pk).exists()


def test_the_audit_trail_names_who_changed_a_placement_outside_a_request(
    social_worker, administrator
):
    from audit.models import AuditEvent

    stay = place(social_worker, home=HomeFactory())
    services.correct_placement(stay, reason="Recorded against the wrong child", by=administrator)
    change = AuditEvent.objects.filter(object_id=str(stay.pk), action="update").get()
    assert change.user == administrator
    assert change.changes["entered_in_error"] == ["No", "Yes"]
