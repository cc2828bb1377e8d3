"""The data-quality page's list of children with errors, as a download (core.exports)."""

from core.exports import Column, Export

from .models import ReturnError


def _child(row):
    if row["child_id"] is None:
        return "Not a child in Homeward"
    return f"{row['child__first_name']} {row['child__last_name']}"


CHILDREN_WITH_ERRORS = Export(
    title="Children with 903 errors",
    model=ReturnError,
    columns=(
        Column("Child", _child),
        Column("Identifier in the return", lambda row: row["child_ref"]),
        Column("Errors", lambda row: row["errors"]),
    ),
)
