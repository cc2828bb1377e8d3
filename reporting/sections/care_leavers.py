"""The board report's section: Care leavers."""

from .. import charts
from ..measures import care_leavers as care_leavers_measures
from .figures import Section, Table, chart_percent, count, percent


def section(ps, chart_id):
    leavers = care_leavers_measures.care_leavers(ps[0])
    rows, chart_series = (
        [],
        {"In education, employment or training": [], "In suitable accommodation": []},
    )
    for band in care_leavers_measures.AGE_BANDS:
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
        [f"Aged {b}" for b in care_leavers_measures.AGE_BANDS],
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
