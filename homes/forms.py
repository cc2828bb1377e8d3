from django import forms

from placements.forms import (
    DayMonthYearField,
    GovForm,
    check_end_after_start,
    long_text,
    whole_number,
)

from .models import BedBlock, HomeType

MAX_AGE = 25


class _HomeTypeFilter(GovForm):
    home_type = forms.ModelChoiceField(
        queryset=HomeType.objects.order_by("name"),
        label="Home type",
        empty_label="All home types",
        required=False,
        error_messages={"invalid_choice": "Choose a home type from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"


class OccupancyFilterForm(_HomeTypeFilter):
    submit_label = "Show occupancy"
    field_order = ["date", "home_type"]

    date = DayMonthYearField(label="Date", required=False, help_text="Leave blank for today")


class VacancySearchForm(_HomeTypeFilter):
    submit_label = "Search vacancies"
    field_order = ["start", "end", "home_type", "age"]

    start = DayMonthYearField(label="Start date", help_text="The first night the bed is needed")
    end = DayMonthYearField(
        label="End date",
        required=False,
        help_text="The day the child would leave. Leave blank if there is no planned end.",
    )
    age = whole_number("Age of the child", least=0, most=MAX_AGE, required=False)

    def clean(self):
        data = super().clean()
        check_end_after_start(self, "start", "end")
        return data


class BedBlockForm(GovForm):
    submit_label = "Block beds"

    beds = whole_number("Number of beds", least=1, most=99)
    start_date = DayMonthYearField(label="Start date")
    end_date = DayMonthYearField(
        label="End date",
        required=False,
        help_text="The first day the beds are free again. Leave blank if not known.",
    )
    reason = forms.ChoiceField(
        label="Reason",
        choices=BedBlock.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the beds are blocked"},
    )
    note = long_text("Note")

    def clean(self):
        data = super().clean()
        check_end_after_start(self, "start_date", "end_date")
        return data
