"""The board report's section: Where children went next."""

from placements.models import Outcome

from .. import charts
from ..measures import destinations as destinations_measures
from .figures import (
    Section,
    Table,
    _key,
    chart_count,
    compare_table,
    count,
    fig_count,
    fig_percent,
    sentence,
)

FAMILY_OUTCOMES = {Outcome.RETURNED_HOME.label, Outcome.KINSHIP.label, Outcome.FOSTER_CARE.label}


def section(ps, chart_id):
    ends = [destinations_measures.destinations(p) for p in ps]

    def to_family(result):
        total = sum(n for outcomes in result.values() for n in outcomes.values())
        family = sum(n for o in result.values() for k, n in o.items() if k in FAMILY_OUTCOMES)
        return family, total

    family_fig = fig_percent(
        "The share of ended stays followed by family life (home, kinship or foster care)",
        [to_family(e) for e in ends],
    )
    labels = [
        label
        for label in Outcome.labels + [destinations_measures.NOT_RECORDED]
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
            compare_table(
                "Stays that ended",
                [fig_count("Stays ended", [to_family(e)[1] for e in ends]), family_fig],
            ),
            Table(f"Outcomes of stays that ended, {ps[0].label}", ["Home type"] + labels, rows),
        ],
        chart,
        ["destinations"],
        key_figure=_key(family_fig),
    )
