"""A draft Regulation 44 report as answers to check before it is submitted (the shared
templates/check_answers.html): each answer in words, with the link that changes it."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.dates import in_words

from .models import QualityStandard, Reg44Visit


def _row(label, value, change) -> dict:
    return {"label": label, "value": value, "change": change}


def report_answers(visit: Reg44Visit, people, findings: dict) -> list[dict]:
    """The report's answers in the order of its form; `findings` maps a Quality Standard's
    code to the visitor's text."""
    edit = reverse("inspections:visit_edit", args=[visit.pk])
    not_given = "Not yet given"
    rows = [
        _row(
            "Visit",
            f"{in_words(visit.visit_date)}, {'announced' if visit.announced else 'unannounced'}",
            f"{edit}#id_visit_date_0",
        ),
        _row(
            "Records examined",
            ", ".join(visit.records_examined_labels) or "None recorded",
            f"{edit}#id_records_examined_1",
        ),
    ]
    rows += [
        _row(label, findings.get(code) or "Not looked at", f"{edit}#id_finding_{code}")
        for code, label in QualityStandard.choices
    ]
    opinions = [
        ("Children effectively safeguarded?", "children_safeguarded", "safeguarding_opinion"),
        ("Conduct promotes well-being?", "promotes_wellbeing", "wellbeing_opinion"),
    ]
    for label, answer, reasons in opinions:
        given = getattr(visit, f"get_{answer}_display")() or not_given
        text = "\n".join(t for t in (given, getattr(visit, reasons)) if t)
        rows.append(_row(label, text, f"{edit}#id_{answer}_1"))
    rows.append(
        _row(
            "People spoken to",
            "\n".join(f"{p.name} ({p.get_kind_display()})" for p in people) or "Nobody recorded",
            reverse("inspections:person_add", args=[visit.pk]),
        )
    )
    recommendations = visit.recommendations.all()
    rows.append(
        _row(
            "Recommendations",
            "\n".join(r.text for r in recommendations) or "None",
            reverse("inspections:recommendation_add", args=[visit.pk]),
        )
    )
    return rows


def refusal_links(visit: Reg44Visit, error: ValidationError) -> list[tuple[str, str]]:
    """A refused submission's messages, each linked to the question that answers it."""
    edit = reverse("inspections:visit_edit", args=[visit.pk])
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return [
        (text, f"{edit}#id_{field}_1" if field != "__all__" else edit)
        for field, texts in messages.items()
        for text in texts
    ]
