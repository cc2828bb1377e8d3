"""The SSDA903 return's tables as the DfE defines them: each table's exact CSV header, the
collection year, and how values are written (dates as dd/mm/YYYY, blanks as empty cells)."""

import datetime
from dataclasses import dataclass

# Exact headers, in the DfE's column order. The validator recognises a CSV by its header set.
COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": (
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}

# A table is a list of rows, each a tuple of values in COLUMNS order (dates, strings or None).
Row = tuple
Tables = dict[str, list[Row]]


@dataclass(frozen=True)
class CollectionYear:
    """A collection year, named by its end as the DfE does: 2026 runs from 1 April 2025 to
    31 March 2026. `as_of` cuts a year still running at a day: nothing later is reported and
    an episode that ends after it is still open."""

    year: int
    as_of: datetime.date | None = None

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year - 1, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 3, 31)

    @property
    def last_day(self) -> datetime.date:
        """The last day whose events the return reports."""
        return min(self.end, self.as_of) if self.as_of else self.end

    @property
    def previous(self) -> "CollectionYear":
        return CollectionYear(self.year - 1)

    @property
    def label(self) -> str:
        return f"{self.year - 1}-{self.year % 100:02d}"

    @classmethod
    def so_far(cls, year: int, day: datetime.date) -> "CollectionYear":
        """Year `year`, cut at `day` while it is still running (the return so far)."""
        return cls(year, as_of=day) if day < cls(year).end else cls(year)

    @classmethod
    def containing(cls, day: datetime.date) -> "CollectionYear":
        """The year a day falls in, cut at that day (the return so far)."""
        return cls(day.year + 1 if day.month >= 4 else day.year, as_of=day)


def cell(value) -> str:
    """A value as the DfE CSVs and XML write it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
