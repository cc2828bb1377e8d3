"""Continuous validation: the daily job and the button run the DfE rules on the return so far
and store what they found, set-based; a run that fails says so."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ssda903 import services, tasks, validator
from ssda903.models import ReturnError, ValidationRun
from tests.factories import ChildFactory, PlacementFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_daily_job_stores_todays_errors_linked_to_each_child():
    child = ChildFactory(local_id="A1", upn="")
    PlacementFactory(child=child, start_date=D(2026, 5, 1))
    run = ValidationRun.objects.get(pk=tasks.validate_return_daily())
    assert (run.year, run.as_of, run.trigger, run.succeeded) == (
        2027,
        D(2026, 12, 6),
        "daily",
        True,
    )
    assert run.crashed_rules == ["231", "233"]
    errors = ReturnError.objects.filter(run=run)
    assert run.error_count == errors.count() > 0
    assert run.children_with_errors == 1
    assert {(e.child_id, e.child_ref) for e in errors} == {(child.pk, "A1")}
    assert errors.filter(rule="442", table="Header").exists()  # no UPN


def _outcome(children, per_child=3):
    return validator.Outcome(
        year=2027,
        errors=[
            validator.RuleError(f"{100 + n}", "A message", "Episodes", i, child.local_id)
            for i, child in enumerate(children)
            for n in range(per_child)
        ]
        + [validator.RuleError("999", "Not ours", "Header", 0, "UNKNOWN")],
        crashed=["231"],
        rules_run=300,
    )


def _store_queries(monkeypatch, children):
    monkeypatch.setattr(services, "check", lambda year: _outcome(children))
    with CaptureQueriesContext(connection) as captured:
        run = services.validate_return_so_far(ValidationRun.Trigger.BUTTON)
    return len(captured), run


def test_errors_are_stored_in_a_fixed_number_of_statements(monkeypatch):
    few, run = _store_queries(monkeypatch, ChildFactory.create_batch(2))
    assert run.error_count == 7 and run.children_with_errors == 3
    many, run = _store_queries(monkeypatch, ChildFactory.create_batch(20))
    assert run.error_count == 61
    assert many == few
    unknown = ReturnError.objects.get(run=run, child_ref="UNKNOWN")
    assert unknown.child_id is None  # kept, though no child in Homeward has that identifier


def test_a_run_that_fails_is_kept_with_the_reason(monkeypatch):
    def broken(year):
        raise validator.ReturnUnreadable("Failed to match provided data")

    monkeypatch.setattr(services, "check", broken)
    with pytest.raises(validator.ReturnUnreadable):
        services.validate_return_so_far(ValidationRun.Trigger.DAILY)
    run = ValidationRun.objects.get()
    assert not run.succeeded and "Failed to match" in run.failure and run.finished_at


def test_beat_runs_the_validation_every_morning(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["daily-903-validation"]
    app.loader.import_default_modules()
    assert entry["task"] == "ssda903.tasks.validate_return_daily"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {30}


def test_a_new_year_before_the_validator_has_its_rules_says_so(client, administrator, time_machine):
    time_machine.move_to(datetime.datetime(2027, 4, 2, 7))
    run = ValidationRun.objects.get(pk=tasks.validate_return_daily())
    assert (run.year, run.succeeded, run.error_count) == (2028, False, 0)
    assert "DfE rules for 2027-28 are not in the validator" in run.failure
    client.force_login(administrator)
    page = client.get("/return-903/").content.decode()
    assert "did not finish" in page and "2027-28" in page
