"""The board report's section: Quality: Ofsted ratings and Regulation 44 visits."""

from homes.models import OfstedRating

from .. import charts
from ..measures import quality as quality_measures
from .figures import (
    NONE_YET,
    Section,
    Table,
    _key,
    chart_count,
    compare_table,
    count,
    fig_count,
    fig_percent,
    percent,
    sentence,
)


def section(ps, chart_id):
    ratings = quality_measures.ofsted_ratings(ps[0])
    visits = [quality_measures.reg44_visits(p) for p in ps]
    recs = quality_measures.reg44_recommendations(ps[0])
    tables = [_ratings_by_type(ratings), *_inadequate(ratings)]
    text = "Regulation 44 visit records are not available yet."
    good = sum(1 for h in ratings["homes"] if h["ofsted_rating"] in ("outstanding", "good"))
    key = (
        "Homes rated good or outstanding by Ofsted",
        percent(good, len(ratings["homes"]), children=False),
    )
    if visits[0] is not None:
        visit_fig = fig_percent(
            "The share of Regulation 44 visits made on time",
            [(v["on_time"], v["due"]) if v else (0, 0) for v in visits],
            children=False,
        )
        text = sentence(visit_fig, ps)
        key = _key(visit_fig)
        tables.append(
            compare_table(
                "Regulation 44 visits to the council's homes",
                [
                    fig_count("Visits due", [v["due"] if v else 0 for v in visits], children=False),
                    fig_count(
                        "Visits made on time",
                        [v["on_time"] if v else 0 for v in visits],
                        children=False,
                    ),
                    visit_fig,
                ],
            )
        )
    if recs is not None:
        tables.append(
            Table(
                f"Open Regulation 44 recommendations on {ps[0].last_day:%-d %B %Y}",
                ["Age", "Recommendations"],
                [
                    [label, count(recs[label], children=False)]
                    for label in quality_measures.RECOMMENDATION_AGES
                ]
                + [
                    ["All open", count(recs["open"], children=False)],
                    ["Past their due date", count(recs["overdue"], children=False)],
                ],
            )
        )
    chart = charts.bar_chart(
        chart_id,
        "Homes by Ofsted rating",
        list(ratings["counts"]),
        [("Homes", [chart_count(n, children=False) for n in ratings["counts"].values()])],
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


def _ratings_by_type(ratings) -> Table:
    """Open homes counted by type and rating: the whole picture in a few rows at any size."""
    labels = list(ratings["counts"])
    by_type: dict[str, dict[str, int]] = {}
    for home in ratings["homes"]:
        row = by_type.setdefault(home["home_type__name"], dict.fromkeys(labels, 0))
        row[home["rating"]] += 1
    rows = [
        [name] + [count(n[label], children=False) for label in labels]
        for name, n in sorted(by_type.items())
    ]
    rows.append(
        ["All homes"] + [count(ratings["counts"][label], children=False) for label in labels]
    )
    return Table("Ofsted ratings of open homes, by home type", ["Home type"] + labels, rows)


def _inadequate(ratings) -> list[Table]:
    """The homes rated inadequate, by name, for the board to act on (none: no table)."""
    rows = [
        [
            h["name"],
            h["home_type__name"],
            "External" if h["provision"] == "external" else "Council",
            f"{h['ofsted_rating_date']:%B %Y}" if h["ofsted_rating_date"] else NONE_YET,
        ]
        for h in ratings["homes"]
        if h["ofsted_rating"] == OfstedRating.INADEQUATE
    ]
    return (
        [Table("Homes rated inadequate", ["Home", "Type", "Run by", "Rated"], rows)] if rows else []
    )
