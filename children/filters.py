"""The children's search results: a status filter, sort and download columns."""

import django_filters

from core.exports import Column, Export
from core.lists import ListFilter, SortFilter

from .models import Child, ChildStatus


class ChildSearchFilter(ListFilter):
    status = django_filters.ChoiceFilter(
        label="Status", choices=ChildStatus.choices, empty_label="Any status"
    )
    sort = SortFilter(
        fields={
            "name": ("last_name", "first_name"),
            "local_id": "local_id",
            "born": "date_of_birth",
            "status": "status",
        },
        default="name",
    )


CHILDREN = Export(
    title="Children",
    model=Child,
    columns=(
        Column("Name", "full_name"),
        Column("Local identifier", "local_id"),
        Column("Date of birth", "date_of_birth"),
        Column("Status", "get_status_display"),
        Column("Social worker", lambda child: child.social_worker or "Not allocated"),
    ),
)
