"""OC2: outcomes for a child looked after for the whole year to 31 March, with the answers
each age needs, recorded from the child's record; and review participation codes."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import ChildFactory, HomeFactory, PlacementFactory
from timescales import outcomes, services
from timescales.models import LookedAfterOutcomes

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = D(2026, 3, 31)
HEALTHY = dict(immunisations=True, teeth_check=True, health_assessment=True, substance_misuse=False)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10), tick=False):
        yield


SINCE = D(2024, 9, 1)


def looked_after(born, social_worker=None, start=SINCE):
    child = ChildFactory(date_of_birth=born, social_worker=social_worker)
    PlacementFactory(child=child, home=HomeFactory(), start_date=start)
    return child


def refusal(child, by, **answers):
    with pytest.raises(ValidationError) as error:
        outcomes.record_outcomes(child=child, year_ending=YEAR, by=by, **answers)
    return {k: " ".join(v) for k, v in error.value.message_dict.items()}


def test_a_teenager_needs_an_sdq_and_conviction_answer(social_worker):
    child = looked_after(D(2012, 6, 1))
    errors = refusal(child, social_worker, **HEALTHY)
    assert "Enter the SDQ score" in errors["sdq_score"]
    assert "convicted or given a final warning" in errors["convicted"]
    saved = outcomes.record_outcomes(child=child, year_ending=YEAR, by=social_worker,
                                     sdq_score=14, convicted=False, **HEALTHY)  # fmt: skip
    assert (saved.sdq_score, saved.convicted, saved.health_check) == (14, False, None)
    again = outcomes.record_outcomes(child=child, year_ending=YEAR, by=social_worker,
                                     sdq_reason="SDQ5", convicted=True, **HEALTHY)  # fmt: skip
    assert again.pk == saved.pk and (again.sdq_score, again.sdq_reason) == (None, "SDQ5")
    assert AuditEvent.objects.filter(object_type="timescales.lookedafteroutcomes").count() == 2


@pytest.mark.parametrize(
    ("born", "answers", "field", "message"),
    [
        (D(2022, 6, 1), dict(sdq_score=3), "sdq_score", "under 4 or over 16"),
        (D(2022, 6, 1), {}, "health_check", "health checks are up to date"),
        (D(2015, 6, 1), dict(sdq_score=3, health_check=True), "health_check", "only for children under 5"),
        (D(2017, 6, 1), dict(sdq_score=3, convicted=False), "convicted", "under 10"),
        (D(2015, 6, 1), dict(sdq_reason="SDQ1"), "sdq_reason", "between 4 and 16 all year"),
        (D(2015, 6, 1), dict(sdq_score=3, sdq_reason="SDQ2"), "sdq_reason", "not both"),
        (D(2015, 6, 1), dict(sdq_score=3, substance_misuse=True), "intervention_received",
         "received an intervention"),
        (D(2015, 6, 1), dict(sdq_score=3, substance_misuse=True, intervention_received=False),
         "intervention_offered", "was offered"),
        (D(2015, 6, 1), dict(sdq_score=3, intervention_offered=True), "intervention_received",
         "only for a misuse problem"),
    ],
)  # fmt: skip
def test_the_answers_each_age_needs(social_worker, born, answers, field, message):
    child = looked_after(born, start=D(2023, 1, 1))
    assert message in refusal(child, social_worker, **{**HEALTHY, **answers})[field]
    assert not LookedAfterOutcomes.objects.exists()


def test_sdq1_is_for_a_child_who_turned_4_in_the_year(social_worker):
    child = looked_after(D(2021, 12, 1), start=D(2023, 1, 1))
    saved = outcomes.record_outcomes(child=child, year_ending=YEAR, by=social_worker,
                                     sdq_reason="SDQ1", health_check=True, **HEALTHY)  # fmt: skip
    assert saved.sdq_reason == "SDQ1"


@pytest.mark.parametrize(
    ("stays", "all_year"),
    [
        ([(D(2025, 4, 1), None)], True),
        ([(D(2025, 4, 2), None)], False),
        ([(D(2024, 1, 1), D(2025, 10, 1)), (D(2025, 10, 1), None)], True),
        ([(D(2024, 1, 1), D(2025, 10, 1)), (D(2025, 10, 3), None)], False),
        ([(D(2024, 1, 1), D(2026, 3, 30))], False),
        ([(D(2024, 1, 1), D(2026, 3, 31))], True),  # ceased on 31 March: the DfE counts it
        ([(D(2024, 1, 1), D(2026, 4, 1))], True),
    ],
)
def test_looked_after_for_the_whole_year(stays, all_year):
    child = ChildFactory()
    home = HomeFactory()
    for start, end in stays:
        PlacementFactory(child=child, home=home, start_date=start, end_date=end)
    assert outcomes.looked_after_all_year(child, YEAR) is all_year


def test_no_outcomes_for_a_child_not_looked_after_all_year(social_worker):
    child = looked_after(D(2012, 6, 1), start=D(2025, 10, 1))
    assert (
        "not looked after for the whole 12 months" in refusal(child, social_worker)["year_ending"]
    )


def test_the_page_records_outcomes_from_the_childs_record(client, social_worker):
    child = looked_after(D(2012, 6, 1), social_worker=social_worker)
    client.force_login(social_worker)
    url = reverse("timescales:outcomes", args=[child.pk])
    assert url in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    answers = {"year_ending": "2026-03-31", "sdq_score": "12", "convicted": "no",
               "immunisations": "yes", "teeth_check": "yes", "health_assessment": "no",
               "substance_misuse": "no"}  # fmt: skip
    missing = client.post(url, {**answers, "teeth_check": ""})
    assert "Say yes or no: teeth checked" in missing.content.decode()
    assert client.post(url, answers).status_code == 302
    saved = LookedAfterOutcomes.objects.get(child=child)
    assert (saved.sdq_score, saved.health_assessment, saved.year_ending) == (12, False, YEAR)
    bad = client.post(url, {**answers, "sdq_score": "41", "year_ending": "2020-03-31"})
    errors = bad.context["form"].errors
    assert "40 or less" in errors["sdq_score"][0] and "from the list" in errors["year_ending"][0]


def test_review_participation_follows_the_age(social_worker):
    toddler = looked_after(D(2023, 1, 1), start=D(2025, 1, 1))
    with pytest.raises(ValidationError, match="choose “Child under 4"):
        services.record_review(child=toddler, held_on=D(2026, 4, 1), participation="PN3",
                               by=social_worker)  # fmt: skip
    review = services.record_review(child=toddler, held_on=D(2026, 4, 1), participation="PN0",
                                    by=social_worker)  # fmt: skip
    assert review.get_participation_display() == "Child under 4 at the time of the review"
