"""The board report's section: Cost of placements."""

from .. import charts
from ..measures import cost as cost_measures
from .figures import Section, _key, compare_table, fig_count, fig_pounds, sentence


def section(ps, chart_id):
    costs = [cost_measures.placement_costs(p) for p in ps]
    trend = cost_measures.cost_trend(ps[0])
    figures = []
    for key, (label, _q) in cost_measures.COST_GROUPS.items():
        figures.append(fig_count(f"{label}: placements", [c[key]["count"] for c in costs]))
        figures.append(fig_pounds(f"{label}: weekly cost", [c[key]["weekly"] for c in costs]))
    external = fig_pounds(
        "The weekly cost of external residential placements",
        [c["external"]["weekly"] for c in costs],
    )
    chart = charts.line_chart(
        chart_id,
        "Weekly cost of placements over twelve months",
        [f"{d:%b}" for d, _ in trend],
        [
            (label, [float(totals[key]) for _, totals in trend])
            for key, (label, _q) in cost_measures.COST_GROUPS.items()
        ],
        fmt=lambda v: f"£{round(v / 1000):,}k",
    )
    table = compare_table("Placements open on the last day and their weekly cost", figures)
    return Section(
        "cost",
        "Cost",
        sentence(external, ps),
        [table],
        chart,
        ["placement_costs", "cost_trend"],
        key_figure=_key(external),
    )
