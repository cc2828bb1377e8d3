"""The care leavers list's filters, sort and download columns."""

import django_filters

from core.dates import today
from core.exports import Column, Export
from core.lists import ListFilter, SortFilter

from . import selectors
from .models import Accommodation, CareLeaver

REVIEW = [(selectors.OVERDUE, "Overdue"), (selectors.DUE_SOON, "Due in the next 4 weeks")]
EET = [
    (selectors.EET, "In EET"),
    (selectors.NEET, "Not in EET"),
    (selectors.UNKNOWN, "Not known"),
]
SUPPORT = [(selectors.STAYING_PUT, "Staying Put"), (selectors.STAYING_CLOSE, "Staying Close")]


class CareLeaverFilter(ListFilter):
    # Typed, not chosen from a list: a region has well over a thousand advisers.
    adviser = django_filters.CharFilter(
        label="Personal adviser", help_text="Part of their name", max_length=100,
        method="by_adviser",
    )  # fmt: skip
    review = django_filters.ChoiceFilter(
        label="Pathway plan review", choices=REVIEW, empty_label="Any", method="by_review"
    )
    eet = django_filters.ChoiceFilter(
        label="Education, employment or training", choices=EET, empty_label="Any", method="by_eet"
    )
    accommodation = django_filters.ChoiceFilter(
        label="Accommodation", choices=Accommodation.choices, empty_label="Any"
    )
    support = django_filters.ChoiceFilter(
        label="Support", choices=SUPPORT, empty_label="Any", method="by_support"
    )
    sort = SortFilter(
        fields={
            "name": ("child__last_name", "child__first_name"),
            "adviser": ("personal_adviser__last_name", "personal_adviser__first_name"),
            "review": "pathway_plan_review_due",
            "eet": "activity",
            "accommodation": "accommodation",
        },
        default="name",
    )

    def by_adviser(self, queryset, name, value):
        return selectors.adviser_named(queryset, value)

    def by_review(self, queryset, name, value):
        return selectors.review_is(queryset, value, today())

    def by_eet(self, queryset, name, value):
        return selectors.eet_is(queryset, value)

    def by_support(self, queryset, name, value):
        return selectors.support_is(queryset, value)


def _support(leaver):
    parts = [
        "Staying Put" if leaver.staying_put else "",
        "Staying Close" if leaver.staying_close else "",
        leaver.get_interdependence_stage_display() if leaver.interdependence_stage else "",
    ]
    return ", ".join(part for part in parts if part)


CARE_LEAVERS = Export(
    title="Care leavers",
    model=CareLeaver,
    columns=(
        Column("Young person", "child.full_name"),
        Column("Local identifier", "child.local_id"),
        Column("Date of birth", "child.date_of_birth"),
        Column("Eligibility", "get_eligibility_display"),
        Column("Personal adviser", lambda leaver: leaver.personal_adviser or "None allocated"),
        Column("Pathway plan review due", "pathway_plan_review_due"),
        Column("Education, employment or training", "get_activity_display"),
        Column("In touch", "in_touch"),
        Column("Accommodation", "get_accommodation_display"),
        Column("Accommodation suitable", "accommodation_suitable"),
        Column("Support", _support),
    ),
)
