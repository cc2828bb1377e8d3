"""The board report's section: Stability of placements."""

from .. import charts
from ..measures import stability as stability_measures
from .figures import Section, _key, chart_percent, compare_table, fig_count, fig_percent, sentence


def section(ps, chart_id):
    moves = [stability_measures.three_or_more_placements(p) for p in ps]
    settled = [stability_measures.long_term_stability(p) for p in ps]
    where = [stability_measures.placement_location(p) for p in ps]
    figures = [
        fig_percent(
            "Children with 3 or more placements in 12 months",
            [(m["count"], m["of"]) for m in moves],
        ),
        fig_percent(
            "Under-16s in care 2½ years, in the same placement 2 years",
            [(s["count"], s["of"]) for s in settled],
        ),
        fig_percent(
            "Placements more than 20 miles from home", [(w["far"], w["of"]) for w in where]
        ),
        fig_percent(
            "Placements outside the council's area", [(w["outside"], w["of"]) for w in where]
        ),
    ]
    counts = [
        fig_count("Children looked after on the last day", [m["of"] for m in moves]),
        fig_count("Children with 3 or more placements", [m["count"] for m in moves]),
        fig_count("Children in a long-term stable placement", [s["count"] for s in settled]),
        fig_count("Placements more than 20 miles from home", [w["far"] for w in where]),
        fig_count("Placements outside the council's area", [w["outside"] for w in where]),
        fig_count("Placements with distance not known", [w["unknown"] for w in where]),
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
            compare_table("Stability, as percentages", figures),
            compare_table("The counts", counts),
        ],
        chart,
        ["three_or_more_placements", "long_term_stability", "placement_location"],
        key_figure=_key(figures[0]),
    )
