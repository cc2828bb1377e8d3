"""The board report's content for a period, as the dashboard and the PDF both show it.

Figures come from reporting.measures; this module only compares periods, applies the
small-number rule and words the one-sentence summaries. Nothing here names a child.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from core.dates import today
from placements.models import Outcome

from . import charts, measures
from .periods import Period

SMALL = "fewer than 6"
NOT_SHOWN = "not shown"
NONE_YET = "–"
SUPPRESSION_NOTE = (
    "To protect children's privacy, any count from 1 to 5 is shown as 'fewer than 6', and a "
    "percentage worked out from such a count is not shown. Charts draw these as hatched bars of "
    "a nominal size. Money is shown in whole pounds."
)


def is_small(n) -> bool:
    return n is not None and 1 <= n <= 5


def count(n) -> str:
    if n is None:
        return NONE_YET
    return SMALL if is_small(n) else f"{n:,}"


def percent(part, whole) -> str:
    if not whole:
        return NONE_YET
    if is_small(part) or is_small(whole):
        return NOT_SHOWN
    return f"{round(100 * part / whole)}%"


def pounds(amount) -> str:
    return NONE_YET if amount is None else f"£{round(amount):,}"


def chart_count(n):
    """A count as a chart draws it: None marks a small number."""
    return None if is_small(n) else n


def chart_percent(part, whole):
    if not whole or is_small(part) or is_small(whole):
        return None if whole else 0
    return round(100 * part / whole)


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


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
        return [measures.DEFINITIONS[key] for s in self.sections for key in s.definitions]

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
    if now is None:
        return f"{fig.label}: {text} in {periods[0].label}; too few to compare safely."
    parts = []
    for raw, period in ((fig.previous, periods[1]), (fig.last_year, periods[2])):
        then = fig.number(raw)
        if then is not None:
            parts.append(f"{_direction(now, then)} {fig.show(raw)} in {period.label}")
    tail = f", {' and '.join(parts)}" if parts else ""
    return f"{fig.label} was {text} in {periods[0].label}{tail}."


def _key(fig: Compared) -> tuple[str, str]:
    return fig.label, fig.show(fig.now)


def _compare_table(caption, figures) -> Table:
    return Table(
        caption,
        ["Measure", "This period", "Previous period", "Same period last year"],
        [f.row() for f in figures],
    )


def _number_of_count(n):
    return None if is_small(n) else n


def _ratio(pair):
    part, whole = pair
    return None if not whole or is_small(part) or is_small(whole) else round(100 * part / whole)


def _fig_count(label, values) -> Compared:
    return Compared(label, *values, show=count, number=_number_of_count)


def _fig_percent(label, pairs) -> Compared:
    return Compared(label, *pairs, show=lambda p: percent(*p), number=_ratio)


def _fig_pounds(label, values) -> Compared:
    return Compared(label, *values, show=pounds, number=lambda v: v)


# ------------------------------------------------------------------ the sections


def _sufficiency(ps, chart_id):
    occ = [measures.occupancy(p) for p in ps]
    beds = [measures.beds_by_home_type(p) for p in ps]
    blocked = [measures.blocked_beds(p) for p in ps]
    below = [measures.homes_below_capacity(p) for p in ps]
    vacancies = measures.vacancies_today()
    empty = {"available": 0, "occupied": 0, "blocked": 0}
    occupancy_fig = _fig_percent(
        "Average occupancy",
        [(o.get("all", empty)["occupied"], o.get("all", empty)["available"]) for o in occ],
    )
    figures = [
        _fig_count(
            "Registered beds", [sum(v["beds"] for v in b["by_type"].values()) for b in beds]
        ),
        occupancy_fig,
        _fig_count("Blocked bed-nights", [b["nights"] for b in blocked]),
        _fig_pounds(
            "Cost of blocked beds in external homes", [b["external_cost"] for b in blocked]
        ),
        _fig_count("Homes below 80% occupancy", [b["count"] for b in below]),
    ]
    types = sorted(beds[0]["by_type"])
    rows = []
    for name in types:
        o = occ[0].get(name, empty)
        rows.append(
            [
                name,
                count(beds[0]["by_type"][name]["homes"]),
                count(beds[0]["by_type"][name]["beds"]),
                percent(o["occupied"], o["available"]),
                count(o["blocked"]),
                count(vacancies.get(name, 0)),
            ]
        )
    rows.append(
        [
            "All homes",
            count(sum(v["homes"] for v in beds[0]["by_type"].values())),
            count(sum(v["beds"] for v in beds[0]["by_type"].values())),
            occupancy_fig.show(occupancy_fig.now),
            count(occ[0].get("all", empty)["blocked"]),
            count(vacancies.get("all", 0)),
        ]
    )
    provision = [
        [name, count(v["homes"]), count(v["beds"])]
        for name, v in sorted(beds[0]["by_provision"].items())
    ]
    chart = charts.bar_chart(
        chart_id,
        "Average occupancy by home type, this period and the two before",
        types,
        [
            (
                p.label,
                [
                    chart_percent(o.get(t, empty)["occupied"], o.get(t, empty)["available"])
                    for t in types
                ],
            )
            for p, o in zip(ps, occ, strict=True)
        ],
        fmt=lambda v: f"{v}%",
    )
    return Section(
        "sufficiency",
        "Sufficiency and occupancy",
        sentence(occupancy_fig, ps),
        [
            _compare_table("Beds, occupancy and blocked beds", figures),
            Table(
                f"By home type, {ps[0].label} (vacancies on {today():%-d %B %Y})",
                [
                    "Home type",
                    "Homes",
                    "Beds",
                    "Occupancy",
                    "Blocked bed-nights",
                    "Vacancies today",
                ],
                rows,
            ),
            Table("Who runs the homes", ["Run by", "Homes", "Beds"], provision),
        ],
        chart,
        [
            "beds_by_home_type",
            "occupancy",
            "blocked_beds",
            "homes_below_capacity",
            "vacancies_today",
        ],
        key_figure=_key(occupancy_fig),
    )


def _stays(ps, chart_id):
    moves = [measures.stays_started_and_ended(p) for p in ps]
    breaches = [measures.breaches(p) for p in ps]
    extensions = [measures.extensions_authorised(p) for p in ps]
    lengths = measures.length_of_stay(ps[0])
    no_moves = {"started": 0, "ended": 0}
    breach_fig = _fig_count("Stays over their limit", [sum(b.values()) for b in breaches])
    figures = [
        _fig_count("Stays started", [m["all"]["started"] for m in moves]),
        _fig_count("Stays ended", [m["all"]["ended"] for m in moves]),
        breach_fig,
        _fig_count("Extensions authorised", [sum(e.values()) for e in extensions]),
    ]
    types = sorted(set(moves[0]) - {"all"} | set(lengths))
    rows = []
    for name in types:
        band = lengths.get(name)
        rows.append(
            [
                name,
                count(moves[0].get(name, no_moves)["started"]),
                count(moves[0].get(name, no_moves)["ended"]),
            ]
            + ([count(band[b]) for b in measures.LENGTH_BANDS] if band else ["no limit"] * 3)
            + [
                count(breaches[0].get(name)) if band else "no limit",
                count(extensions[0].get(name, 0)),
            ]
        )
    limited = sorted(lengths)
    chart = charts.stacked_bar(
        chart_id,
        "Length of stays that ended, against each home type's limit",
        limited,
        [band.capitalize() for band in measures.LENGTH_BANDS],
        [[chart_count(lengths[t][b]) for b in measures.LENGTH_BANDS] for t in limited],
    )
    return Section(
        "stays",
        "Stays against purpose",
        sentence(breach_fig, ps),
        [
            _compare_table("Stays in children's homes", figures),
            Table(
                f"By home type, {ps[0].label}",
                [
                    "Home type",
                    "Started",
                    "Ended",
                    "Ended within half the limit",
                    "Ended within the limit",
                    "Ended over the limit",
                    "Over limit in the period",
                    "Extensions authorised",
                ],
                rows,
            ),
        ],
        chart,
        ["stays_started_and_ended", "length_of_stay", "breaches", "extensions_authorised"],
        key_figure=_key(breach_fig),
    )


FAMILY_OUTCOMES = {Outcome.RETURNED_HOME.label, Outcome.KINSHIP.label, Outcome.FOSTER_CARE.label}


def _destinations(ps, chart_id):
    ends = [measures.destinations(p) for p in ps]

    def to_family(result):
        total = sum(n for outcomes in result.values() for n in outcomes.values())
        family = sum(n for o in result.values() for k, n in o.items() if k in FAMILY_OUTCOMES)
        return family, total

    family_fig = _fig_percent(
        "The share of ended stays followed by family life (home, kinship or foster care)",
        [to_family(e) for e in ends],
    )
    labels = [
        label
        for label in Outcome.labels + [measures.NOT_RECORDED]
        if any(label in o for o in ends[0].values())
    ]
    types = sorted(ends[0])
    rows = [[t] + [count(ends[0][t].get(label, 0)) for label in labels] for t in types]
    chart = charts.stacked_bar(
        chart_id,
        "Where children went when their stay ended, by home type",
        types,
        labels,
        [[chart_count(ends[0][t].get(label, 0)) for label in labels] for t in types],
    )
    return Section(
        "next",
        "Where children went next",
        sentence(family_fig, ps),
        [
            _compare_table(
                "Stays that ended",
                [_fig_count("Stays ended", [to_family(e)[1] for e in ends]), family_fig],
            ),
            Table(f"Outcomes of stays that ended, {ps[0].label}", ["Home type"] + labels, rows),
        ],
        chart,
        ["destinations"],
        key_figure=_key(family_fig),
    )


def _stability(ps, chart_id):
    moves = [measures.three_or_more_placements(p) for p in ps]
    settled = [measures.long_term_stability(p) for p in ps]
    where = [measures.placement_location(p) for p in ps]
    figures = [
        _fig_percent(
            "Children with 3 or more placements in 12 months",
            [(m["count"], m["of"]) for m in moves],
        ),
        _fig_percent(
            "Under-16s in care 2½ years, in the same placement 2 years",
            [(s["count"], s["of"]) for s in settled],
        ),
        _fig_percent(
            "Placements more than 20 miles from home", [(w["far"], w["of"]) for w in where]
        ),
        _fig_percent(
            "Placements outside the council's area", [(w["outside"], w["of"]) for w in where]
        ),
    ]
    counts = [
        _fig_count("Children looked after on the last day", [m["of"] for m in moves]),
        _fig_count("Children with 3 or more placements", [m["count"] for m in moves]),
        _fig_count("Children in a long-term stable placement", [s["count"] for s in settled]),
        _fig_count("Placements more than 20 miles from home", [w["far"] for w in where]),
        _fig_count("Placements outside the council's area", [w["outside"] for w in where]),
        _fig_count("Placements with distance not known", [w["unknown"] for w in where]),
    ]
    chart = charts.bar_chart(
        chart_id,
        "Stability measures (percent), this period and the two before",
        ["3+ placements", "Long-term stable", "Over 20 miles", "Outside the area"],
        [
            (
                p.label,
                [
                    chart_percent(moves[i]["count"], moves[i]["of"]),
                    chart_percent(settled[i]["count"], settled[i]["of"]),
                    chart_percent(where[i]["far"], where[i]["of"]),
                    chart_percent(where[i]["outside"], where[i]["of"]),
                ],
            )
            for i, p in enumerate(ps)
        ],
        fmt=lambda v: f"{v}%",
    )
    return Section(
        "stability",
        "Stability",
        sentence(figures[0], ps),
        [
            _compare_table("Stability, as percentages", figures),
            _compare_table("The counts", counts),
        ],
        chart,
        ["three_or_more_placements", "long_term_stability", "placement_location"],
        key_figure=_key(figures[0]),
    )


def _cost(ps, chart_id):
    costs = [measures.placement_costs(p) for p in ps]
    trend = measures.cost_trend(ps[0])
    figures = []
    for key, (label, _q) in measures.COST_GROUPS.items():
        figures.append(_fig_count(f"{label}: placements", [c[key]["count"] for c in costs]))
        figures.append(_fig_pounds(f"{label}: weekly cost", [c[key]["weekly"] for c in costs]))
    external = _fig_pounds(
        "The weekly cost of external residential placements",
        [c["external"]["weekly"] for c in costs],
    )
    chart = charts.line_chart(
        chart_id,
        "Weekly cost of placements over twelve months",
        [f"{d:%b}" for d, _ in trend],
        [
            (label, [float(totals[key]) for _, totals in trend])
            for key, (label, _q) in measures.COST_GROUPS.items()
        ],
        fmt=lambda v: f"£{round(v / 1000):,}k",
    )
    table = _compare_table("Placements open on the last day and their weekly cost", figures)
    return Section(
        "cost",
        "Cost",
        sentence(external, ps),
        [table],
        chart,
        ["placement_costs", "cost_trend"],
        key_figure=_key(external),
    )


def _care_leavers(ps, chart_id):
    leavers = measures.care_leavers(ps[0])
    rows, chart_series = (
        [],
        {"In education, employment or training": [], "In suitable accommodation": []},
    )
    for band in measures.AGE_BANDS:
        b = leavers[band]
        rows.append(
            [
                f"Aged {band}",
                count(b["of"]),
                percent(b["eet"], b["of"]),
                percent(b["suitable"], b["of"]),
            ]
        )
        chart_series["In education, employment or training"].append(
            chart_percent(b["eet"], b["of"])
        )
        chart_series["In suitable accommodation"].append(chart_percent(b["suitable"], b["of"]))
    band = leavers["19-21"]
    eet = percent(band["eet"], band["of"])
    chart = charts.bar_chart(
        chart_id,
        "Care leavers in education, employment or training, and suitably housed",
        [f"Aged {b}" for b in measures.AGE_BANDS],
        list(chart_series.items()),
        fmt=lambda v: f"{v}%",
    )
    said = (
        f"Of care leavers aged 19 to 21, {eet} were in education, employment or training "
        f"at the end of {ps[0].label}."
        if eet.endswith("%")
        else f"There were too few care leavers aged 19 to 21 at the end of {ps[0].label} to "
        "show a percentage safely."
    )
    return Section(
        "care-leavers",
        "Care leavers",
        said,
        [
            Table(
                "Care leavers by age",
                [
                    "Age",
                    "Care leavers",
                    "In education, employment or training",
                    "In suitable accommodation",
                ],
                rows,
            ),
            Table(
                "Staying Put and Staying Close",
                ["Support", "Young people"],
                [
                    ["Staying Put (with former foster carers)", count(leavers["staying_put"])],
                    [
                        "Staying Close (support from a children's home)",
                        count(leavers["staying_close"]),
                    ],
                ],
            ),
        ],
        chart,
        ["care_leavers"],
        note="Homeward keeps each care leaver's current situation only, so these figures are not "
        "compared with earlier periods.",
        key_figure=("Care leavers aged 19-21 in education, employment or training", eet),
    )


def _quality(ps, chart_id):
    ratings = measures.ofsted_ratings(ps[0])
    visits = [measures.reg44_visits(p) for p in ps]
    recs = measures.reg44_recommendations(ps[0])
    homes = [
        [
            h["name"],
            h["home_type__name"],
            "External" if h["provision"] == "external" else "Council",
            h["rating"],
            f"{h['ofsted_rating_date']:%B %Y}" if h["ofsted_rating_date"] else NONE_YET,
        ]
        for h in ratings["homes"]
    ]
    tables = [
        Table("Ofsted ratings of open homes", ["Home", "Type", "Run by", "Rating", "Rated"], homes)
    ]
    text = "Regulation 44 visit records are not available yet."
    good = sum(1 for h in ratings["homes"] if h["ofsted_rating"] in ("outstanding", "good"))
    key = ("Homes rated good or outstanding by Ofsted", percent(good, len(ratings["homes"])))
    if visits[0] is not None:
        visit_fig = _fig_percent(
            "The share of Regulation 44 visits made on time",
            [(v["on_time"], v["due"]) if v else (0, 0) for v in visits],
        )
        text = sentence(visit_fig, ps)
        key = _key(visit_fig)
        tables.append(
            _compare_table(
                "Regulation 44 visits to the council's homes",
                [
                    _fig_count("Visits due", [v["due"] if v else 0 for v in visits]),
                    _fig_count("Visits made on time", [v["on_time"] if v else 0 for v in visits]),
                    visit_fig,
                ],
            )
        )
    if recs is not None:
        tables.append(
            Table(
                f"Open Regulation 44 recommendations on {ps[0].last_day:%-d %B %Y}",
                ["Age", "Recommendations"],
                [[label, count(recs[label])] for label in measures.RECOMMENDATION_AGES]
                + [
                    ["All open", count(recs["open"])],
                    ["Past their due date", count(recs["overdue"])],
                ],
            )
        )
    chart = charts.bar_chart(
        chart_id,
        "Homes by Ofsted rating",
        list(ratings["counts"]),
        [("Homes", [chart_count(n) for n in ratings["counts"].values()])],
    )
    return Section(
        "quality",
        "Quality",
        text,
        tables,
        chart,
        ["ofsted_ratings", "reg44_visits", "reg44_recommendations"],
        key_figure=key,
    )


BUILDERS = (_sufficiency, _stays, _destinations, _stability, _cost, _care_leavers, _quality)


def build(period: Period, progress: Callable[[int], None] = lambda percent: None) -> Report:
    """Everything the dashboard and the PDF show for `period`; `progress` hears 0-100."""
    ps = (period, period.previous(), period.year_before())
    sections = []
    for i, builder in enumerate(BUILDERS):
        sections.append(builder(ps, f"chart-{i + 1}"))
        progress(round(100 * (i + 1) / len(BUILDERS)))
    return Report(period, ps[1], ps[2], today(), _summary(sections), sections)


def _summary(sections: list[Section]) -> list[Headline]:
    return [Headline(s.key_figure[0], s.key_figure[1], s.sentence) for s in sections]
