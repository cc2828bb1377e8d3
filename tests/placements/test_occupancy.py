import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from homes.models import Home
from placements import occupancy as selectors
from tests.factories import (
    BedBlockFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    home_type,
)

from .conftest import days

pytestmark = pytest.mark.django_db


def _busy_home(day, **home):
    """4 beds: two children in, one bed blocked, one arriving and one leaving soon."""
    home = HomeFactory(beds=4, **home)
    PlacementFactory(home=home, start_date=day - days(30), planned_end_date=day + days(5))
    PlacementFactory(home=home, start_date=day - days(10))
    PlacementFactory(home=home, start_date=day - days(60), end_date=day - days(1))  # left
    PlacementFactory(home=home, start_date=day + days(3))  # arriving
    PlacementFactory(home=home, start_date=day + days(20))  # beyond the look-ahead
    BedBlockFactory(home=home, start_date=day - days(2), end_date=day + days(1))
    return home


def test_occupancy_counts_beds_and_the_fortnight_ahead(day):
    home = _busy_home(day)
    [row] = selectors.occupancy(Home.objects.filter(pk=home.pk), day)
    assert (row.occupied, row.blocked, row.free) == (2, 1, 1)
    assert row.next_planned_end == day + days(5)
    assert [p.start_date for p in row.arrivals] == [day + days(3)]
    assert [p.planned_end_date for p in row.departures] == [day + days(5)]

    [later] = selectors.occupancy(Home.objects.filter(pk=home.pk), day + days(4))
    assert (later.occupied, later.blocked, later.free) == (3, 0, 1)


@pytest.mark.parametrize("few_homes", [0, 50], ids=["homes as a subquery", "homes by id"])
def test_occupancy_counts_the_same_however_the_homes_are_named(day, monkeypatch, few_homes):
    """A manager's few homes are counted by their ids, the whole council's by a subquery."""
    monkeypatch.setattr(selectors, "FEW_HOMES", few_homes)
    busy, empty = _busy_home(day, name="A busy home"), HomeFactory(beds=2, name="An empty home")
    HomeFactory(name="Another council's home")  # not asked about
    rows = selectors.beds_on(Home.objects.filter(pk__in=[busy.pk, empty.pk]).order_by("name"), day)
    assert [(r.home_id, r.occupied, r.blocked, r.free) for r in rows] == [
        (busy.pk, 2, 1, 1),
        (empty.pk, 0, 0, 2),
    ]


def test_vacancies_need_a_free_bed_every_night_and_respect_type_and_age(day):
    free = HomeFactory(name="Free", beds=2)
    full_one_night = HomeFactory(name="Full one night", beds=1)
    PlacementFactory(home=full_one_night, start_date=day + days(5), end_date=day + days(6))
    blocked = HomeFactory(name="Blocked", beds=1)
    BedBlockFactory(home=blocked, start_date=day, end_date=None)
    HomeFactory(name="Closed", closed_on=day - days(1))
    safe_space = HomeFactory(name="Safe", home_type=home_type("safe-space"))

    def vacancies(*args, **kwargs):
        return selectors.with_homes(selectors.vacancies(*args, **kwargs))

    found = {v.home.name: v.free_beds for v in vacancies(day, day + days(10))}
    assert found == {"Free": 2, "Safe": 4}
    assert {v.home.name for v in vacancies(day, day + days(5))} == {
        "Free",
        "Full one night",
        "Safe",
    }
    by_type = vacancies(day, None, home_type=safe_space.home_type)
    assert [v.home for v in by_type] == [safe_space]
    # Safe Space takes 11 to 17, residential 8 to 17.
    young = vacancies(day, day + days(3), age=9)
    assert {v.home.name for v in young} == {"Free", "Full one night"}
    assert free in [v.home for v in vacancies(day, None, age=9)]


def test_a_vacancy_is_what_is_free_on_the_busiest_day_of_the_stay(day):
    """Stays back to back share no day; a bed block counts its beds; a stay entered in error
    and one that left before the period count for nothing."""
    home = HomeFactory(beds=3)
    PlacementFactory(home=home, start_date=day - days(10), end_date=day + days(3))
    PlacementFactory(home=home, start_date=day + days(3), end_date=day + days(8))
    PlacementFactory(home=home, start_date=day - days(40), end_date=day)
    PlacementFactory(home=home, start_date=day, entered_in_error=True)
    BedBlockFactory(home=home, beds=2, start_date=day + days(5), end_date=day + days(6))
    other = HomeFactory(beds=2)
    PlacementFactory(home=other, start_date=day + days(1))

    def free_beds(start, end):
        found = selectors.vacancies(
            start, end, homes=Home.objects.filter(pk__in=[home.pk, other.pk])
        )
        return {v.home_id: v.free_beds for v in found}

    assert free_beds(day, day + days(5)) == {home.pk: 2, other.pk: 1}
    assert free_beds(day, day + days(10)) == {other.pk: 1}  # day 5: one child, two blocked
    assert free_beds(day + days(6), None) == {home.pk: 2, other.pk: 1}
    assert free_beds(day - days(1), day) == {home.pk: 1, other.pk: 2}


def test_board_shows_a_manager_only_their_homes_and_names_only_their_children(
    client, home_manager, day
):
    mine = _busy_home(day, name="Oak House")
    mine.managers.add(home_manager)
    HomeFactory(name="Elm House")
    client.force_login(home_manager)
    page = client.get(reverse("homes:occupancy")).content.decode()
    assert "Oak House" in page and "Elm House" not in page
    arriving = mine.placements.get(start_date=day + days(3)).child
    assert escape(arriving.full_name) in page


def test_board_gives_a_social_worker_counts_not_other_childrens_names(client, social_worker, day):
    home = _busy_home(day, name="Oak House")
    theirs = home.placements.get(start_date=day + days(3)).child
    mine = ChildFactory(social_worker=social_worker, first_name="Zebedee", last_name="Mine")
    PlacementFactory(home=home, child=mine, start_date=day + days(7))
    client.force_login(social_worker)
    page = client.get(reverse("homes:occupancy")).content.decode()
    assert "Zebedee Mine" in page
    assert escape(theirs.full_name) not in page and "a child" in page


def test_board_filters_by_date_and_home_type(client, administrator, day):
    HomeFactory(name="Oak House")
    HomeFactory(name="Safe Harbour", home_type=home_type("safe-space"))
    client.force_login(administrator)
    safe = home_type("safe-space")
    future = day + days(30)
    page = client.get(
        reverse("homes:occupancy"), {"date": future.isoformat(), "home_type": safe.pk}
    ).content.decode()
    assert "Safe Harbour" in page and "Oak House" not in page
    assert future.strftime("%-d %B %Y") in page


@pytest.mark.parametrize(
    "query",
    [
        {"date_0": "31", "date_1": "2", "date_2": "2026"},
        {"date_0": "x", "date_1": "y", "date_2": "z"},
        {"date": "2999-01-01"},
        {"home_type": "999999"},
        {"home_type": "oak"},
    ],
)
def test_board_bad_filter_says_what_to_fix(client, administrator, query):
    client.force_login(administrator)
    response = client.get(reverse("homes:occupancy"), query)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start_0": "1", "start_1": "13", "start_2": "2026"}, "must be a real date"),
        ({"start": "2026-01-10", "end": "2026-01-05"}, "must be after the start date"),
        ({"start": "2026-01-10", "age": "ten"}, "as a whole number"),
        ({"start": "2026-01-10", "age": "99"}, "must be 25 or less"),
        ({"end": "2026-01-10"}, "Enter the start date"),
        ({"start_0": "1", "start_1": "2"}, "as a day, month and year"),
    ],
)
def test_vacancy_search_bad_input_says_what_to_fix(client, social_worker, query, message):
    client.force_login(social_worker)
    response = client.get(reverse("homes:vacancies"), query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_vacancy_results_link_to_record_a_placement(client, social_worker, day):
    home = HomeFactory(name="Oak House")
    client.force_login(social_worker)
    page = client.get(
        reverse("homes:vacancies"), {"start": day.isoformat(), "end": (day + days(7)).isoformat()}
    ).content.decode()
    link = (
        f"{reverse('placements:new')}?home={home.pk}&amp;start={day.isoformat()}"
        f"&amp;end={(day + days(7)).isoformat()}"
    )
    assert link in page


def _council(size, day):
    for n in range(size):
        home = _busy_home(day, name=f"Home {n:03d}")
        home.units.create(name="Trainer flat")


@pytest.mark.parametrize("size", [3, 30])
def test_pages_run_a_fixed_number_of_queries(
    client, administrator, day, size, django_assert_max_num_queries
):
    _council(size, day)
    home = Home.objects.first()
    client.force_login(administrator)
    client.get("/")  # warm the session
    pages = [
        # each with the second-factor device, the menu's count of extensions to decide, the
        # children missing now, and the homes of the rows shown (counted from ids and beds)
        (reverse("homes:occupancy"), {}, 17),
        (reverse("homes:vacancies"), {"start": day.isoformat()}, 14),
        (reverse("homes:detail", args=[home.pk]), {}, 20),  # with managers and visitors
    ]
    for url, query, most in pages:
        with django_assert_max_num_queries(most):
            assert client.get(url, query).status_code == 200


def test_manager_blocks_and_cancels_beds(client, home_manager, day):
    home = HomeFactory(beds=2)
    home.managers.add(home_manager)
    PlacementFactory(home=home, start_date=day - days(3))
    client.force_login(home_manager)
    url = reverse("homes:block_add", args=[home.pk])
    form = {
        "beds": "2",
        "start_date": day.isoformat(),
        "reason": "repairs",
        "note": "",
    }
    refused = client.post(url, form)
    assert "does not have 2 empty beds" in refused.content.decode()
    assert not home.bed_blocks.exists()

    assert client.post(url, {**form, "beds": "1"}).status_code == 302
    block = home.bed_blocks.get()
    assert client.post(reverse("homes:block_cancel", args=[block.pk])).status_code == 302
    block.refresh_from_db()
    assert block.cancelled


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"beds": "lots", "start_date": "2026-12-01", "reason": "repairs"},
        {"beds": "0", "start_date": "2026-12-01", "reason": "repairs"},
        {"beds": "1", "start_date": "2026-12-01", "end_date": "2026-11-01", "reason": "repairs"},
        {"beds": "1", "start_date": "2026-12-01", "reason": "party"},
        {"beds": "1", "start_date": "2026-12-01", "reason": "other", "note": "x" * 2001},
    ],
)
def test_block_form_bad_input_changes_nothing(client, home_manager, form):
    home = HomeFactory()
    home.managers.add(home_manager)
    client.force_login(home_manager)
    response = client.post(reverse("homes:block_add", args=[home.pk]), form)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not home.bed_blocks.exists()


def test_home_page_counts_todays_beds_or_says_it_has_closed(client, administrator, day):
    busy = _busy_home(day)
    closed = HomeFactory(opened_on=day - days(400), closed_on=day - days(1))
    client.force_login(administrator)
    page = client.get(reverse("homes:detail", args=[busy.pk])).content.decode()
    assert "2 occupied, 1 blocked, 1 free" in page
    page = client.get(reverse("homes:detail", args=[closed.pk])).content.decode()
    assert "Closed" in page and "occupied" not in page


def test_home_detail_names_children_only_for_those_allowed(client, visitor, home_manager, day):
    home = HomeFactory()
    home.managers.add(home_manager)
    home.independent_visitors.add(visitor)
    child = PlacementFactory(home=home, start_date=day - datetime.timedelta(days=3)).child
    client.force_login(visitor)
    assert (
        escape(child.full_name)
        not in client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    )
    client.force_login(home_manager)
    page = client.get(reverse("homes:detail", args=[home.pk])).content.decode()
    assert escape(child.full_name) in page
