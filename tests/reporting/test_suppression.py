"""Only counts of children are hidden when small, and the board is told why; homes, beds,
bed-nights, visits and money are shown however small."""

import datetime
import re
from html import unescape

import time_machine
from django.urls import reverse

from reporting.sections import figures

from . import council

NOVEMBER_3 = datetime.datetime(2026, 11, 3, 9, 0)


def test_a_small_count_of_children_is_hidden_and_a_count_of_homes_or_beds_is_not():
    assert figures.count(3) == "fewer than 6"
    assert figures.count(3, children=False) == "3"
    assert figures.count(0) == "0" and figures.count(6) == "6"
    assert figures.percent(2, 40) == "not shown"
    assert figures.percent(2, 3, children=False) == "67%"
    assert figures.chart_count(4) is None and figures.chart_count(4, children=False) == 4
    table = figures.Table("t", ["Measure", "n"], [["Stays", "fewer than 6"], ["Beds", "3"]])
    assert table.why_hidden == [figures.WHY[figures.SMALL]]
    assert figures.Table("t", ["Measure", "n"], [["Beds", "3"]]).why_hidden == []


@time_machine.travel(NOVEMBER_3, tick=False)
def test_the_dashboard_shows_small_counts_of_homes_and_beds_and_says_why_others_are_hidden(
    client, board_member
):
    town = council.build()
    client.force_login(board_member)
    html = client.get(reverse("reporting:dashboard"), {"period": "2026-10"}).text
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())

    # Homes and beds: one Safe Space home of five beds; eight beds open on 31 October.
    assert "Safe Space 1 5 " in text
    assert re.search(r"Registered beds 8 ", text)
    assert re.search(r"Homes below 80% occupancy [0-9]+ ", text)
    assert "Visits due" in text and re.search(r"Visits due [0-9]+ ", text)
    # Counts of children: hidden, and the reason given under the table and in the summary.
    assert re.search(r"Stays ended fewer than 6", text)
    assert "'fewer than 6' stands for 1 to 5 children, too few to show" in text
    assert (
        "Stays over their limit: fewer than 6 in October 2026. Counts of 1 to 5 children are "
        "not shown, so that no child can be recognised." in text
    )
    # The board member never sees who the children are.
    for child in town.children.values():
        assert child.full_name not in text and child.local_id not in html
