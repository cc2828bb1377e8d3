from django import forms

from core.dates import today
from core.forms import GovMessages

from . import periods

MONTHS_OFFERED = 24
QUARTERS_OFFERED = 8


def period_choices(*, so_far=False):
    """Whole months and calendar quarters that have ended, newest first, grouped; `so_far`
    adds this month so far at the top."""
    month = periods.last_complete(today(), periods.MONTH)
    quarter = periods.last_complete(today(), periods.QUARTER)
    months, quarters = [], []
    if so_far:
        this_month = periods.so_far(today())
        months.append((this_month.code, f"{this_month.label} (this month so far)"))
    for _ in range(MONTHS_OFFERED):
        months.append((month.code, month.label))
        month = month.previous()
    for _ in range(QUARTERS_OFFERED):
        quarters.append((quarter.code, f"{quarter.label} (quarter)"))
        quarter = quarter.previous()
    return [("Months", months), ("Quarters", quarters)]


ERRORS = {
    "required": "Choose a month or a quarter",
    "invalid_choice": "Choose a month or a quarter from the list",
}


class PeriodForm(GovMessages, forms.Form):
    period = forms.ChoiceField(label="Period", choices=period_choices, error_messages=ERRORS)

    def chosen(self) -> periods.Period:
        return periods.parse(self.cleaned_data["period"])


class DashboardPeriodForm(PeriodForm):
    """The dashboard also shows this month so far (the PDF reports are of whole periods)."""

    period = forms.ChoiceField(
        label="Period", choices=lambda: period_choices(so_far=True), error_messages=ERRORS
    )
