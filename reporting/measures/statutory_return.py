"""The statutory return: errors the DfE's rules find in the SSDA903 return (ssda903 app)."""

import datetime

from ssda903.selectors import BoardFigure, board_figure

from .common import measure


@measure(
    "SSDA903 errors",
    "The number of errors the Department for Education's validation rules found in this "
    "year's SSDA903 children-looked-after return so far, at the latest daily check, and at "
    "the latest check at least 30 days before it. Errors are counted, not children.",
)
def return_903_errors(day: datetime.date) -> BoardFigure:
    return board_figure(day)
