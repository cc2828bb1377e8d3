"""The PDF read back as text: every page names the council and the period, small numbers are
never printed, and nothing identifies a child."""

import re

import pytest

from reporting import periods, sections, services
from tests.factories import HomeFactory, home_type
from tests.pdfs import pdf_pages

from . import council

OCTOBER = periods.month(2026, 10)


@pytest.fixture
def town(db, settings):
    settings.COUNCIL_NAME = "Borsetshire County Council"
    return council.build()


def test_pdf_reads_back_with_its_frame_figures_and_no_child_details(town):
    """One rendering checked four ways (rendering is the slow part)."""
    pages = pdf_pages(services.render_pdf(OCTOBER))
    text = "\n".join(pages)
    flat = " ".join(text.split())

    # The frame: council, period and page number on every page; summary and contents first
    # (the contents may run onto the second page: how far the summary reaches depends on the
    # font and on the date it was made, "31 March 2027" being longer than "6 December 2026").
    assert len(pages) >= 9  # summary, seven sections, definitions
    for number, page in enumerate(pages, start=1):
        assert "Borsetshire County Council" in page
        assert "Corporate Parenting Board report: October 2026" in page
        assert f"Page {number} of {len(pages)}" in page
    assert "Summary" in pages[0]
    assert "Contents" in pages[0] + pages[1]
    assert not any("Contents" in page for page in pages[2:])
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
    # Ratings counted by home type: Residential has Birch Lodge outstanding, Damson View
    # requiring improvement (Cedar Court closed in October).
    assert re.search(r"Residential children's\s+1\s+0\s+1\s+0\s+0\s+home", text)

    # Small numbers.
    assert re.search(r"Stays ended\s+fewer than 6", text)
    assert re.search(r"Children with 3 or more placements\s+fewer than 6", text)
    assert "a count of 1 to 5 children (or of their stays or placements) is shown as" in flat
    assert "'fewer than 6' stands for 1 to 5 children, too few to show" in flat  # under tables
    # Homes and beds are not children: shown in full, however few.
    assert re.search(r"Safe Space\s+1\s+5\s", text)  # one home of five beds

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


# Columns and rows that count homes, beds, bed-nights, visits or recommendations, never children.
NOT_CHILDREN = re.compile(
    r"^(Homes|Beds|Blocked bed-nights|Vacancies today|Registered beds|Homes below|Visits|"
    r"under 1 month|1 to 3 months|over 3 months|All open|Past their due date|Occupancy|"
    r"Outstanding|Good|Requires improvement|Inadequate|Not yet inspected)"
)


def test_no_count_of_children_from_1_to_5_is_shown(town):
    report = sections.build(OCTOBER)
    shown = []
    for section in report.sections:
        for table in section.tables:
            for row in table.rows:
                for header, cell in zip(table.headers[1:], row[1:], strict=True):
                    if re.fullmatch(r"£?[1-5]%?", cell):
                        shown.append(header if NOT_CHILDREN.match(header) else row[0])
    assert shown, "the council has homes and beds in ones and twos; they are shown"
    for label in shown:
        assert NOT_CHILDREN.match(label), f"a small count of children is shown: {label}"
    assert any(
        "fewer than 6" in cell
        for s in report.sections
        for t in s.tables
        for row in t.rows
        for cell in row
    )


def test_homes_rated_inadequate_are_named_and_the_others_counted(town):
    def quality_tables():
        report = sections.build(OCTOBER)
        (quality,) = [s for s in report.sections if s.slug == "quality"]
        return {t.caption: t for t in quality.tables}

    tables = quality_tables()
    assert "Homes rated inadequate" not in tables  # none yet
    assert tables["Ofsted ratings of open homes, by home type"].rows[-1] == [
        "All homes", "1", "1", "1", "0", "0"
    ]  # fmt: skip
    HomeFactory(name="Elm Rise", home_type=home_type("safe-space"), ofsted_rating="inadequate")
    named = quality_tables()["Homes rated inadequate"]
    assert [row[:2] for row in named.rows] == [["Elm Rise", "Safe Space"]]
