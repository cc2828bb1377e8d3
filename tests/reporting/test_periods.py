import datetime

import pytest

from reporting import periods


def test_month_and_its_comparisons():
    october = periods.parse("2026-10")
    assert (october.start, october.end, october.label) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 11, 1),
        "October 2026",
    )
    assert october.previous().code == "2026-09"
    assert october.year_before().code == "2025-10"
    assert periods.parse("2026-01").previous().code == "2025-12"


def test_quarter_and_its_comparisons():
    q3 = periods.parse("2026-q3")
    assert (q3.start, q3.last_day) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert q3.label == "July to September 2026"
    assert q3.previous().code == "2026-Q2"
    assert periods.parse("2026-Q1").previous().code == "2025-Q4"
    assert q3.year_before().code == "2025-Q3"
    assert q3.month_ends(3) == [
        datetime.date(2026, 7, 31),
        datetime.date(2026, 8, 31),
        datetime.date(2026, 9, 30),
    ]


def test_the_month_so_far_is_compared_with_the_same_days():
    so_far = periods.so_far(datetime.date(2026, 3, 6))
    assert (so_far.start, so_far.end, so_far.last_day) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 7),
        datetime.date(2026, 3, 6),
    )
    assert (so_far.label, so_far.code) == ("1 to 6 March 2026", "2026-03-to-06")
    assert periods.parse("2026-03-to-06") == so_far
    assert so_far.previous() == periods.parse("2026-02-to-06")
    assert so_far.year_before().label == "1 to 6 March 2025"
    assert so_far.month_ends(3)[-2:] == [datetime.date(2026, 2, 28), datetime.date(2026, 3, 6)]
    assert so_far.whole_months() == []  # March has not ended
    # 30 days of March against February, which has fewer: all of February.
    assert periods.so_far(datetime.date(2026, 3, 30)).previous().code == "2026-02"
    # On a month's last day, the month so far is the whole month.
    assert periods.so_far(datetime.date(2026, 3, 31)).code == "2026-03"
    assert periods.parse("2026-Q3").whole_months()[0] == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 8, 1),
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-13",
        "2026-Q5",
        "October",
        "2026-10-01",
        "0000-01",
        "2026-10-to-31",
        "2026-13-to-02",
    ],
)
def test_bad_period_text_is_refused(text):
    with pytest.raises(ValueError):
        periods.parse(text)


def test_months_before_keeps_the_day_or_the_month_end():
    assert periods.months_before(datetime.date(2026, 10, 31), 30) == datetime.date(2024, 4, 30)
    assert periods.months_before(datetime.date(2026, 8, 15), 6) == datetime.date(2026, 2, 15)
