"""The board report's line on the statutory return: "903 errors today: N (last month M)".
A count of errors in records, not of children, so the small-number rule does not apply."""

from core.dates import today

from ..measures.statutory_return import return_903_errors
from .figures import NONE_YET, Section


def line(figure) -> str:
    if figure.today is None:
        return "903 errors today: not checked yet"
    then = NONE_YET if figure.last_month is None else f"{figure.last_month:,}"
    return f"903 errors today: {figure.today:,} (last month {then})"


def section(ps, chart_id):
    figure = return_903_errors(today())
    return Section(
        "statutory-return",
        "The statutory return (SSDA903)",
        line(figure),
        [],
        definitions=["return_903_errors"],
        key_figure=("903 errors today", NONE_YET if figure.today is None else f"{figure.today:,}"),
    )
