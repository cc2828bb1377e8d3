"""Reading a PDF back as text with pypdf, so no system tool is needed to test a PDF.

pypdf reads text two ways: in the order it was written (a table cell that wraps reads whole)
or laid out as on the page (a table row reads as one line). Tests pick the one they compare."""

import io

from pypdf import PdfReader


def _pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text laid out as on the page."""
    return [page.extract_text(extraction_mode="layout") for page in _pages(data)]


def pdf_rows(data: bytes) -> str:
    """The words of the whole PDF, row by row as laid out: a label and its figure read together."""
    return " ".join(" ".join(pdf_pages(data)).split())


def pdf_text(data: bytes) -> str:
    """The words of the whole PDF in the order they were written: a wrapped cell reads whole."""
    return " ".join(" ".join(page.extract_text() for page in _pages(data)).split())
