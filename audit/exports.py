"""Downloading a list (core.exports): refused to anyone who may not have it, and written in
the audit trail before the first row leaves."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import STAFF_WITH_CHILD_RECORDS, has_role
from core import exports

from .services import record_export


def download(request, fmt, export: exports.Export, rows, *, chosen=None, prepare=None):
    """`rows` (a queryset or a list, already filtered and sorted as the page shows them) as a
    `fmt` file. `prepare` works out, a chunk of rows at a time, what the columns read.
    `chosen` are the filters in force, in words."""
    if fmt not in exports.FORMATS:
        raise Http404("No such download format")
    if export.names_children and not has_role(request.user, *STAFF_WITH_CHILD_RECORDS):
        raise PermissionDenied  # the board member reads aggregates, never a child's identity
    if isinstance(rows, QuerySet):
        count, rows = rows.count(), rows.iterator(chunk_size=exports.CHUNK)
    else:
        count = len(rows)
    if prepare is not None:
        rows = exports.in_chunks(rows, prepare)
    filters = "; ".join(f"{name}: {value}" for name, value in (chosen or {}).items())
    record_export(
        request,
        export.model,
        what=f"{export.title}: {count} row{'s' if count != 1 else ''} as {fmt.upper()}"
        + (f" ({filters})" if filters else ""),
    )
    return exports.download(fmt, export.title, export.columns, rows)
