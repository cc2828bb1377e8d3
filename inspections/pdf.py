"""The Regulation 44 and 45 reports as A4 PDFs (WeasyPrint), from templates/inspections/pdf/."""

from django.conf import settings
from django.template.loader import render_to_string

from core.pdf import html_to_pdf

from . import selectors


def _render(template: str, context: dict) -> bytes:
    html = render_to_string(template, {"COUNCIL_NAME": settings.COUNCIL_NAME, **context})
    return html_to_pdf(html)


def visit_report(visit) -> bytes:
    return _render("inspections/pdf/reg44.html", selectors.visit_detail(visit))


def review_report(review) -> bytes:
    return _render("inspections/pdf/reg45.html", selectors.review_detail(review))
