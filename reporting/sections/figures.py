"""The pieces every board-report section is made of: counts, percentages and money under the
small-number rule, tables, sections, the report, and figures compared across periods."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from ..measures.common import DEFINITIONS
from ..periods import Period

SMALL = "fewer than 6"
NOT_SHOWN = "not shown"
NONE_YET = "–"
# Only counts of children (or of their stays and placements, one child each) can point to a
# child; homes, beds, bed-nights, visits, recommendations and money cannot, so they are shown.
SUPPRESSION_NOTE = (
    "To protect children's privacy, a count of 1 to 5 children (or of their stays or "
    "placements) is shown as 'fewer than 6', and a percentage worked out from such a count is "
    "not shown: with so few, a reader who knows the homes could recognise a child. Counts of "
    "homes, beds, bed-nights, visits and recommendations, and sums of money, cannot identify a "
    "child and are shown in full. Charts draw hidden values as hatched bars of a nominal size. "
    "Money is shown in whole pounds."
)
WHY = {
    SMALL: "'fewer than 6' stands for 1 to 5 children, too few to show without a child being "
    "recognisable.",
    NOT_SHOWN: "'not shown' is a percentage worked out from fewer than 6 children, so it is "
    "hidden for the same reason.",
}


def is_small(n) -> bool:
    return n is not None and 1 <= n <= 5


def hidden(n, children: bool) -> bool:
    """Whether a count is hidden: only a count of 1 to 5 children is."""
    return children and is_small(n)


def count(n, children: bool = True) -> str:
    """A count as shown; `children=False` for counts that cannot identify a child."""
    if n is None:
        return NONE_YET
    return SMALL if hidden(n, children) else f"{n:,}"


def percent(part, whole, children: bool = True) -> str:
    if not whole:
        return NONE_YET
    if hidden(part, children) or hidden(whole, children):
        return NOT_SHOWN
    return f"{round(100 * part / whole)}%"


def pounds(amount) -> str:
    return NONE_YET if amount is None else f"£{round(amount):,}"


def chart_count(n, children: bool = True):
    """A count as a chart draws it: None marks a hidden small number."""
    return None if hidden(n, children) else n


def chart_percent(part, whole, children: bool = True):
    if not whole:
        return 0
    if hidden(part, children) or hidden(whole, children):
        return None
    return round(100 * part / whole)


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def why_hidden(self) -> list[str]:
        """Why some of this table's cells are hidden, one sentence per kind of hiding."""
        shown = {cell for row in self.rows for cell in row}
        return [reason for mark, reason in WHY.items() if mark in shown]


@dataclass
class Section:
    slug: str
    title: str
    sentence: str
    tables: list[Table]
    chart: str = ""
    definitions: list[str] = field(default_factory=list)
    note: str = ""
    key_figure: tuple[str, str] = ("", "")  # (label, value) for the summary page


@dataclass
class Headline:
    label: str
    value: str
    sentence: str


@dataclass
class Report:
    period: Period
    previous: Period
    year_before: Period
    made_on: datetime.date
    summary: list[Headline]
    sections: list[Section]

    @property
    def definitions(self):
        return [DEFINITIONS[key] for s in self.sections for key in s.definitions]

    suppression_note = SUPPRESSION_NOTE


# ------------------------------------------------------------------ comparing periods


@dataclass
class Compared:
    """One figure for this period, the previous one and the same period last year."""

    label: str
    now: object
    previous: object
    last_year: object
    show: Callable  # raw value -> displayed text
    number: Callable = lambda raw: raw  # raw value -> a number to compare, or None if hidden

    def row(self):
        return [
            self.label,
            self.show(self.now),
            self.show(self.previous),
            self.show(self.last_year),
        ]


def _direction(now, then) -> str:
    if now is None or then is None:
        return ""
    if now > then:
        return "up from"
    if now < then:
        return "down from"
    return "the same as"


def sentence(fig: Compared, periods: tuple[Period, Period, Period]) -> str:
    """'Average occupancy was 82%, up from 78% in September 2026 and down from 85% in October 2025.'"""
    now = fig.number(fig.now)
    text = fig.show(fig.now)
    if text == NONE_YET:
        return f"{fig.label}: no figures for {periods[0].label}."
    if text == SMALL:
        return (
            f"{fig.label}: fewer than 6 in {periods[0].label}. Counts of 1 to 5 children are "
            "not shown, so that no child can be recognised."
        )
    if now is None:
        return (
            f"{fig.label}: not shown for {periods[0].label}, because it is worked out from "
            "fewer than 6 children and could point to a child."
        )
    parts = []
    for raw, period in ((fig.previous, periods[1]), (fig.last_year, periods[2])):
        then = fig.number(raw)
        if then is not None:
            parts.append(f"{_direction(now, then)} {fig.show(raw)} in {period.label}")
    tail = f", {' and '.join(parts)}" if parts else ""
    return f"{fig.label} was {text} in {periods[0].label}{tail}."


def _key(fig: Compared) -> tuple[str, str]:
    return fig.label, fig.show(fig.now)


def compare_table(caption, figures) -> Table:
    return Table(
        caption,
        ["Measure", "This period", "Previous period", "Same period last year"],
        [f.row() for f in figures],
    )


def fig_count(label, values, children: bool = True) -> Compared:
    """A count compared across periods; `children=False` when it cannot identify a child."""
    return Compared(
        label,
        *values,
        show=lambda n: count(n, children),
        number=lambda n: None if hidden(n, children) else n,
    )


def fig_percent(label, pairs, children: bool = True) -> Compared:
    return Compared(
        label,
        *pairs,
        show=lambda p: percent(*p, children),
        number=lambda p: chart_percent(*p, children) if p[1] else None,
    )


def fig_pounds(label, values) -> Compared:
    return Compared(label, *values, show=pounds, number=lambda v: v)
