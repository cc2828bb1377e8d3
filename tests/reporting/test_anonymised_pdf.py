"""The PDF read back as text: every page names the council and the period, small numbers are
never printed, and nothing identifies a child."""

import re
import shutil
import subprocess

import pytest

from reporting import periods, sections, services

from . import council

OCTOBER = periods.month(2026, 10)


def pdf_pages(pdf: bytes) -> list[str]:
    assert shutil.which("pdftotext"), "pdftotext missing: apt-get install poppler-utils"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture
def town(db, settings):
    settings.COUNCIL_NAME = "Borsetshire County Council"
    return council.build()


def test_pdf_reads_back_with_its_frame_figures_and_no_child_details(town):
    """One rendering checked four ways (rendering is the slow part)."""
    pages = pdf_pages(services.render_pdf(OCTOBER))
    text = "\n".join(pages)
    flat = " ".join(text.split())

    # The frame: council, period and page number on every page; summary and contents first.
    assert len(pages) >= 9  # summary, seven sections, definitions
    for number, page in enumerate(pages, start=1):
        assert "Borsetshire County Council" in page
        assert "Corporate Parenting Board report: October 2026" in page
        assert f"Page {number} of {len(pages)}" in page
    assert "Summary" in pages[0] and "Contents" in pages[0]
    assert "Compared with September 2026 and with October 2025" in pages[0]
    for title in (
        "Sufficiency and occupancy",
        "Stays against purpose",
        "Where children went next",
        "Stability",
        "Cost",
        "Care leavers",
        "Quality",
        "Definitions and notes",
    ):
        assert title in text
    assert "Long-term stability" in flat and "Weekly cost trend" in flat  # the appendix

    # The measured figures, as the measure tests count them.
    assert re.search(r"Average occupancy\s+66%", text)  # 194 of 293 bed-nights
    assert re.search(r"Cost of blocked beds in external homes\s+£5,000", text)
    assert re.search(r"External residential: weekly cost\s+£13,000", text)
    assert "Aspen House" in text and "Requires improvement to be good" in text  # homes are named

    # Small numbers.
    assert re.search(r"Stays ended\s+fewer than 6", text)
    assert re.search(r"Children with 3 or more placements\s+fewer than 6", text)
    assert "any count from 1 to 5 is shown as 'fewer than 6'" in flat

    # Nothing identifies a child.
    for child in town.children.values():
        child.refresh_from_db()
        assert child.full_name not in flat
        assert child.local_id not in flat
        assert f"{child.date_of_birth:%d/%m/%Y}" not in flat
        assert f"{child.date_of_birth:%-d %B %Y}" not in flat
        assert child.home_postcode not in flat
    for home in town.homes.values():
        assert home.postcode not in flat


def test_no_table_cell_holds_a_number_from_1_to_5(town):
    report = sections.build(OCTOBER)
    for section in report.sections:
        for table in section.tables:
            for row in table.rows:
                for cell in row[1:]:
                    assert not re.fullmatch(r"£?[1-5]%?", cell), (table.caption, row)
    assert any(
        "fewer than 6" in cell
        for s in report.sections
        for t in s.tables
        for row in t.rows
        for cell in row
    )
