"""The board report's section: Stays against their purpose: length against the home type's limit, breaches and extensions."""

from .. import charts
from ..measures import stays as stays_measures
from .figures import Section, Table, _key, chart_count, compare_table, count, fig_count, sentence


def section(ps, chart_id):
    moves = [stays_measures.stays_started_and_ended(p) for p in ps]
    breaches = [stays_measures.breaches(p) for p in ps]
    extensions = [stays_measures.extensions_authorised(p) for p in ps]
    lengths = stays_measures.length_of_stay(ps[0])
    no_moves = {"started": 0, "ended": 0}
    breach_fig = fig_count("Stays over their limit", [sum(b.values()) for b in breaches])
    figures = [
        fig_count("Stays started", [m["all"]["started"] for m in moves]),
        fig_count("Stays ended", [m["all"]["ended"] for m in moves]),
        breach_fig,
        fig_count("Extensions authorised", [sum(e.values()) for e in extensions]),
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
            + ([count(band[b]) for b in stays_measures.LENGTH_BANDS] if band else ["no limit"] * 3)
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
        [band.capitalize() for band in stays_measures.LENGTH_BANDS],
        [[chart_count(lengths[t][b]) for b in stays_measures.LENGTH_BANDS] for t in limited],
    )
    return Section(
        "stays",
        "Stays against purpose",
        sentence(breach_fig, ps),
        [
            compare_table("Stays in children's homes", figures),
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
