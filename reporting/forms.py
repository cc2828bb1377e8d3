from django import forms

from core.dates import today

from . import periods

MONTHS_OFFERED = 24
QUARTERS_OFFERED = 8


def period_choices():
    """Whole months and calendar quarters that have ended, newest first, grouped."""
    month = periods.last_complete(today(), periods.MONTH)
    quarter = periods.last_complete(today(), periods.QUARTER)
    months, quarters = [], []
    for _ in range(MONTHS_OFFERED):
        months.append((month.code, month.label))
        month = month.previous()
    for _ in range(QUARTERS_OFFERED):
        quarters.append((quarter.code, f"{quarter.label} (quarter)"))
        quarter = quarter.previous()
    return [("Months", months), ("Quarters", quarters)]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        choices=period_choices,
        error_messages={
            "required": "Choose a month or a quarter",
            "invalid_choice": "Choose a month or a quarter from the list",
        },
    )

    def chosen(self) -> periods.Period:
        return periods.parse(self.cleaned_data["period"])
