"""The adapter round the DfE rules (ssda903.validator), on returns written by hand. Each
return is checked once for the module: a run of the rules costs seconds."""

import re

import pytest

from ssda903 import validator, xml_writer
from ssda903.csv_writer import tables_csv
from tests.architecture.test_import_rules import APPS, ROOT

from . import returns

LEEDS = "E08000035"
# Rules that raise on every input in csc-validator-be-903 0.1.17 (KeyError on a column that
# does not exist): reported apart, as faults in the validator.
CRASHING = ["231", "233"]


@pytest.fixture(scope="module")
def valid():
    return validator.run_rules(tables_csv(returns.valid_return()), 2026, LEEDS)


@pytest.fixture(scope="module")
def known():
    this_year, last_year = returns.with_known_errors()
    return validator.run_rules(tables_csv(this_year), 2026, LEEDS, tables_csv(last_year))


def _found(outcome):
    return {(e.rule, e.table, e.child) for e in outcome.errors}


def test_a_valid_return_has_no_errors(valid):
    assert valid.errors == []
    assert valid.is_valid
    assert valid.rules_run > 250


def test_rules_that_crash_are_warnings_not_errors(valid):
    assert valid.crashed == CRASHING
    assert not any(e.rule in CRASHING for e in valid.errors)


def test_what_rules_print_is_captured(valid, capsys):
    assert "SW_REASON" in valid.printed  # rule SW17 prints dataframes
    assert capsys.readouterr().out == ""


def test_each_error_has_its_rule_message_table_row_and_child(known):
    assert _found(known) == returns.KNOWN_ERRORS
    this_year, _ = returns.with_known_errors()
    for error in known.errors:
        assert error.message
        assert this_year[error.table][error.row][0] == error.child
    ethnicity = next(e for e in known.errors if e.rule == "103")
    assert "ethnic" in ethnicity.message.lower()


def test_errors_come_in_rule_order(known):
    rules = [int(e.rule) for e in known.errors]
    assert rules == sorted(rules)


# Known defects of csc-validator-be-903 0.1.17 (README, "The DfE rules"). The data in these
# returns is right; each test shows the rule is wrong, so that a fixed validator is noticed.


def test_defect_218_asks_a_short_break_for_the_urn_that_214_forbids(known):
    """A V3 short break fails 218 without a URN, and 214 (with 398, 420) with one."""
    assert ("218", "Episodes", "HW000012") in _found(known)
    assert {("214", "Episodes", "HW000013"), ("420", "Episodes", "HW000013")} <= _found(known)


def test_defect_169_knows_no_council_created_since_2021(known):
    """Northallerton (DL7 8AD) is in North Yorkshire, a council since April 2023."""
    assert ("169", "Episodes", "HW000014") in _found(known)


def test_defect_1002_looks_for_care_in_two_years_only(known):
    """A care leaver of 20 who left care in 2023 is rightly in OC3."""
    assert ("1002", "OC3", "HW000015") in _found(known)


@pytest.fixture(scope="module")
def faults():
    this_year, last_year = returns.with_faults()
    return validator.run_rules(tables_csv(this_year), 2026, LEEDS, tables_csv(last_year))


def test_defect_365_ends_open_episodes_for_the_rules_after_it(faults):
    """A child missing now whose care goes on: 575 and 577 see the DEC that 365 wrote."""
    assert {("575", "Missing", "HW000001"), ("577", "Missing", "HW000001")} <= _found(faults)


def test_defect_1001_drops_last_years_episode_with_this_years_short_break_row(faults):
    """A former relevant child's only episode shares its row number with a short break."""
    assert ("1001", "OC3", "HW000021") in _found(faults)
    assert _found(faults) == returns.FAULTS


def test_before_31_march_a_short_break_going_on_counts_to_31_march(faults):
    """The return so far on 2 December: a short break since 1 December is not over 17 days."""
    assert {("365", "Episodes", "HW000030"), ("367", "Episodes", "HW000030")} <= _found(faults)


def test_files_it_cannot_read_are_refused_with_the_reason():
    with pytest.raises(validator.ReturnUnreadable, match="column names"):
        validator.run_rules({"Header.csv": b"CHILD,SEX\r\n1,M\r\n"}, 2026, LEEDS)


def test_the_xml_reads_as_the_csv_files_unless_it_cannot_carry_a_table():
    tables, _ = returns.with_known_errors()
    without_sw = tables | {"SWEpisodes": []}
    assert _xml_differences(without_sw) == []
    assert _xml_differences(tables) == ["SWEpisodes: the validator does not read it from XML"]


def _xml_differences(tables):
    xml = xml_writer.build_xml(tables)
    return xml_writer.differences(
        tables, validator.read_xml(xml), validator.read_csvs(tables_csv(tables))
    )


def test_only_the_adapter_imports_the_validator():
    importers = {
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"^\s*(from|import) lac_validator", path.read_text(), re.MULTILINE)
    }
    assert importers == {"ssda903/validator.py"}
