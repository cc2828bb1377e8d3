"""The synthetic council's 903 content keeps the same rules as the forms: a real UPN for every
child, a social worker episode each, review participation by age, missing episodes one at a
time, OC2 answers each age needs, OC3 values the DfE accepts, UASC ending by 18."""

import pytest
from django.core.management import call_command

from careleavers import in_touch
from careleavers.models import KeepingInTouch
from children.models import Child, SocialWorkerEpisode
from core import upn
from core.dates import add_years, today
from placements.models import MissingEpisode
from ssda903 import export, services, years
from ssda903.tables import CollectionYear
from ssda903.validator import KNOWN_FAULTS
from timescales import outcomes
from timescales.models import LookedAfterOutcomes, LookedAfterReview


@pytest.fixture
def council(db):
    call_command("generate_synthetic", children=250, years=6, seed=11)


def test_synthetic_903_content_keeps_the_rules(council):
    children = list(Child.objects.all())
    assert all(upn.problem(child.upn) is None for child in children)
    assert len({child.upn for child in children}) == len(children)
    assert SocialWorkerEpisode.objects.filter(end_date=None).count() == len(children)
    for review in LookedAfterReview.objects.select_related("child"):
        assert (review.child.age_on(review.held_on) < 4) == (review.participation == "PN0")
    assert MissingEpisode.objects.exists() and MissingEpisode.objects.open().exists()
    for child in children:
        spans = list(MissingEpisode.objects.filter(child=child).order_by("started_at"))
        for first, then in zip(spans, spans[1:], strict=False):
            assert first.ended_at is not None and first.ended_at <= then.started_at
    assert LookedAfterOutcomes.objects.exists()
    for row in LookedAfterOutcomes.objects.select_related("child"):
        answers = {f: getattr(row, f) for f in outcomes.ANSWERS}
        assert outcomes.outcome_errors(row.child, row.year_ending, answers) == {}
        assert outcomes.looked_after_all_year(row.child, row.year_ending)
    assert KeepingInTouch.objects.exists()
    for row in KeepingInTouch.objects.select_related("care_leaver__child"):
        in_touch.check(row.care_leaver, as_at=row.as_at, in_touch=row.in_touch,
                       activity=row.activity, accommodation=row.accommodation)  # fmt: skip
    uasc = [c for c in children if c.is_uasc]
    assert uasc and all(
        c.uasc_ceased_on is None or c.uasc_ceased_on <= add_years(c.date_of_birth, 18) for c in uasc
    )


def test_the_synthetic_councils_return_passes_the_dfe_rules(council):
    """As for the demo council: only the validator's known faults (README, "The DfE rules")."""
    so_far = CollectionYear.containing(today())
    for year in [y for y in (so_far, so_far.previous) if y.year <= years.LAST_YEAR]:
        outcome = services.check(year)
        assert len(export.build(year)["Episodes"]) > 100
        assert [(e.rule, e.child) for e in outcome.errors if e.rule not in KNOWN_FAULTS] == []
