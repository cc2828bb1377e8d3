"""A subject access request (UK GDPR article 15): everything Homeward holds about one child,
as one PDF and as a ZIP of CSV files.

"Everything" is found, not listed: every Homeward model with a link to the child (directly,
or through a placement, care leaver record, matching assessment and the like) is a section,
so a model added later is in the export without a change here. Then the child's rows of this
year's 903 return, and the audit trail of who viewed or changed the child's records."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.text import slugify

from audit.capture import HOMEWARD_APPS, in_words
from audit.models import AuditEvent
from audit.selectors import child_history
from children.models import Child
from core.dates import today
from core.exports import safe_cell
from core.pdf import html_to_pdf
from inspections.models import Incident, PersonSpokenTo, Reg40Notification
from placements.models import Placement
from ssda903 import export
from ssda903.tables import COLUMNS, CollectionYear

# Not about the child: where each record is, in the trail itself, or a message to staff.
LEFT_OUT = {"audit.auditevent", "notifications.notification", "notifications.digestsent"}


@dataclass
class Section:
    title: str
    headings: list[str]
    rows: list[list]
    as_table: bool = False  # in the PDF: a table, else each row as a list of its values

    @property
    def records(self):
        return [list(zip(self.headings, row, strict=True)) for row in self.rows]


def _links_to_child(model, depth=2) -> list[str]:
    """The lookups from `model` to a child: `child`, `placement__child`, `resident`..."""
    found = []
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        if field.related_model is Child:
            found.append(field.name)
        elif depth > 1 and field.related_model._meta.app_label in HOMEWARD_APPS:
            found += [f"{field.name}__{link}" for link in _links_to_child(field.related_model, 1)]
    return found


def models_about_children():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in HOMEWARD_APPS and label not in LEFT_OUT and model is not Child:
            links = _links_to_child(model)
            if links:
                yield model, links


def _section(title, model, records) -> Section:
    # The record as kept: not the version, nor what the database works out from it.
    fields = [f for f in model._meta.concrete_fields if f.name != "version" and not f.generated]
    return Section(
        title=title,
        headings=[str(f.verbose_name).capitalize() for f in fields],
        rows=[[in_words(record, f) for f in fields] for record in records],
    )


def _related(model) -> list[str]:
    """Foreign keys two deep, so naming a linked record (a missing episode's placement: the
    child, the home) costs no query a row."""
    names = []
    for field in model._meta.concrete_fields:
        if field.many_to_one:
            names.append(field.name)
            names += [
                f"{field.name}__{inner.name}"
                for inner in field.related_model._meta.concrete_fields
                if inner.many_to_one
            ]
    return names


def records_about(child) -> list[tuple[type, list]]:
    """(model, records) for the child's record and every record linked to them."""
    found = [(Child, [Child.objects.get(pk=child.pk)])]
    for model, links in models_about_children():
        related = _related(model)
        query = Q()
        for link in links:
            query |= Q(**{link: child})
        records = list(model._base_manager.filter(query).select_related(*related).order_by("pk"))
        if records:
            found.append((model, records))
    return found


def _return_rows(child, year: CollectionYear) -> list[Section]:
    tables = export.build(year)
    return [
        Section(f"903 return {year.label}: {table}", list(COLUMNS[table]), rows, as_table=True)
        for table, all_rows in tables.items()
        if (rows := [list(row) for row in all_rows if row and row[0] == child.local_id])
    ]


def _audit(child, found) -> Section:
    query = Q(pk__in=child_history(child).values("pk"))
    for model, records in found:
        ids = [str(r.pk) for r in records]
        query |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    events = AuditEvent.objects.filter(query).select_related("user").order_by("at", "id")
    return Section(
        "Who viewed or changed these records",
        ["When", "Who", "What", "Record", "Changes", "From"],
        [
            [
                event.at,
                str(event.user or "System"),
                event.get_action_display(),
                event.object_label or f"{event.object_type} {event.object_id}",
                "; ".join(
                    f"{k}: {v[0] or 'blank'} → {v[1] or 'blank'}"
                    for k, v in event.changes.items()
                    if isinstance(v, list)
                ),  # fmt: skip
                event.ip_address or "",
            ]
            for event in events
        ],
        as_table=True,
    )


def _letters(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalpha())


def _during(stays, home: str, day: str) -> Q:
    """Records at one of the homes while the child lived there (`home`, `day`: lookups)."""
    during = Q(pk__in=[])
    for home_id, start, end in stays:
        stay = Q(**{home: home_id, f"{day}__gte": start})
        during |= stay & Q(**{f"{day}__lt": end}) if end else stay
    return during


def _named_at_homes(child) -> list[tuple[type, list]]:
    """Records at a home while the child lived there that name a child only by initials or first
    name (incidents, notifications, children spoken to on a Regulation 44 visit): the ones that
    match the child's, for the person answering the request to check."""
    names = {_letters(child.first_name[:1] + child.last_name[:1]), _letters(child.first_name)}
    stays = list(
        Placement.objects.live()
        .filter(child=child, home__isnull=False)
        .values_list("home_id", "start_date", "end_date")
    )
    found = []
    for model, home, day, name, kind in (
        (Incident, "home_id", "occurred_on", "child_initials", {}),
        (Reg40Notification, "home_id", "occurred_on", "child_initials", {}),
        (PersonSpokenTo, "visit__home_id", "visit__visit_date", "name", {"kind": "child"}),
    ):
        rows = model.objects.select_related(*_related(model)).filter(
            _during(stays, home, day), **kind
        )
        records = [row for row in rows if _letters(getattr(row, name)) in names]
        if records:
            found.append((model, records))
    return found


def sections(child) -> list[Section]:
    found = records_about(child) + _named_at_homes(child)
    held = [
        _section(
            "The child’s record"
            if model is Child
            else str(model._meta.verbose_name_plural).capitalize(),
            model,
            records,
        )
        for model, records in found
    ]
    year = CollectionYear.containing(today())
    return held + _return_rows(child, year) + [_audit(child, found)]


def as_pdf(child, parts: list[Section]) -> bytes:
    html = render_to_string(
        "governance/subject_access_pdf.html",
        {
            "child": child,
            "sections": parts,
            "made_on": today(),
            "COUNCIL_NAME": settings.COUNCIL_NAME,
        },
    )
    return html_to_pdf(html)


def as_zip(parts: list[Section]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, part in enumerate(parts, start=1):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(part.headings)
            writer.writerows([_cell(value) for value in row] for row in part.rows)
            archive.writestr(f"{number:02d}-{slugify(part.title)}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def _cell(value):
    value = safe_cell(value)
    return value.isoformat() if hasattr(value, "isoformat") else value
