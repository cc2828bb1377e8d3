"""The board report's section: Sufficiency: beds, occupancy, blocks and vacancies by home type."""

from core.dates import today

from .. import charts
from ..measures import sufficiency as sufficiency_measures
from .figures import (
    Section,
    Table,
    _key,
    chart_percent,
    compare_table,
    count,
    fig_count,
    fig_percent,
    fig_pounds,
    percent,
    sentence,
)


def section(ps, chart_id):
    occ = [sufficiency_measures.occupancy(p) for p in ps]
    beds = [sufficiency_measures.beds_by_home_type(p) for p in ps]
    blocked = [sufficiency_measures.blocked_beds(p) for p in ps]
    below = [sufficiency_measures.homes_below_capacity(p) for p in ps]
    vacancies = sufficiency_measures.vacancies_today()
    empty = {"available": 0, "occupied": 0, "blocked": 0}
    occupancy_fig = fig_percent(
        "Average occupancy",
        [(o.get("all", empty)["occupied"], o.get("all", empty)["available"]) for o in occ],
        children=False,
    )
    figures = [
        fig_count(
            "Registered beds",
            [sum(v["beds"] for v in b["by_type"].values()) for b in beds],
            children=False,
        ),
        occupancy_fig,
        fig_count("Blocked bed-nights", [b["nights"] for b in blocked], children=False),
        fig_pounds("Cost of blocked beds in external homes", [b["external_cost"] for b in blocked]),
        fig_count("Homes below 80% occupancy", [b["count"] for b in below], children=False),
    ]
    types = sorted(beds[0]["by_type"])
    rows = []
    for name in types:
        o = occ[0].get(name, empty)
        rows.append(
            [
                name,
                count(beds[0]["by_type"][name]["homes"], children=False),
                count(beds[0]["by_type"][name]["beds"], children=False),
                percent(o["occupied"], o["available"], children=False),
                count(o["blocked"], children=False),
                count(vacancies.get(name, 0), children=False),
            ]
        )
    rows.append(
        [
            "All homes",
            count(sum(v["homes"] for v in beds[0]["by_type"].values()), children=False),
            count(sum(v["beds"] for v in beds[0]["by_type"].values()), children=False),
            occupancy_fig.show(occupancy_fig.now),
            count(occ[0].get("all", empty)["blocked"], children=False),
            count(vacancies.get("all", 0), children=False),
        ]
    )
    provision = [
        [name, count(v["homes"], children=False), count(v["beds"], children=False)]
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
                    chart_percent(
                        o.get(t, empty)["occupied"], o.get(t, empty)["available"], children=False
                    )
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
            compare_table("Beds, occupancy and blocked beds", figures),
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
