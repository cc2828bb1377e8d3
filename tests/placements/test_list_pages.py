"""The occupancy board, vacancy search and caseload as lists: filters, sorting, pages and
downloads of every filtered row, naming children only to those who may see them."""

import pytest
from django.urls import reverse

from homes.models import Home
from tests.downloads import both_downloads, every_page
from tests.factories import ChildFactory, HomeFactory, PlacementFactory, home_type

from .conftest import days

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(day):
    """30 homes of 3 beds in LS6 (even) and WF1 (odd), residential and Safe Space (every fifth),
    with 0 to 3 children each (every fourth full)."""
    made = []
    for n in range(30):
        home = HomeFactory(
            name=f"Home {n:02d}",
            beds=3,
            postcode="WF1 5LT" if n % 2 else "ls6 2aa",
            home_type=home_type("safe-space") if n % 5 == 0 else home_type("residential"),
        )
        for _ in range(n % 4):
            PlacementFactory(
                home=home, child=ChildFactory(date_of_birth=day - days(365 * 14)),
                start_date=day - days(3),
            )  # fmt: skip
        made.append(home)
    return made


def test_occupancy_pages_filters_by_area_and_type_and_sorts(client, administrator, homes):
    client.force_login(administrator)
    url = reverse("homes:occupancy")
    first = client.get(url, {"sort": "-free"})
    assert first.context["page"].paginator.count == 30
    assert len(first.context["page"].object_list) == 25  # a page, not every home
    assert first.context["totals"] == {"beds": 90, "occupied": 43, "blocked": 0, "free": 47}
    frees = [row.free for row in first.context["page"].object_list]
    assert frees == sorted(frees, reverse=True)
    assert 'aria-sort="descending"' in first.content.decode()
    assert [a for a, _ in first.context["listing"].form.fields["area"].choices][1:] == [
        "LS6",
        "WF1",
    ]
    in_wakefield = every_page(client, url, {"area": "WF1"})
    assert {r.home.name for r in in_wakefield} == {f"Home {n:02d}" for n in range(1, 30, 2)}
    residential = home_type("residential").pk
    both = every_page(client, url, {"area": "LS6", "home_type": residential, "free": "yes"})
    assert {r.home.name for r in both} == {f"Home {n:02d}" for n in range(0, 30, 2) if n % 5}
    full = every_page(client, url, {"free": "no"})
    assert {r.home.name for r in full} == {f"Home {n:02d}" for n in range(3, 30, 4)}


def test_occupancy_downloads_every_filtered_home_in_order(client, administrator, homes):
    client.force_login(administrator)
    query = {"area": "LS6", "sort": "occupied"}
    shown = every_page(client, reverse("homes:occupancy"), query)
    assert len(shown) == 15
    for records in both_downloads(client, "homes:occupancy_export", query):
        assert [r["Home"] for r in records] == [row.home.name for row in shown]
        assert [r["Occupied"] for r in records] == [str(row.occupied) for row in shown]
        assert {r["Area"] for r in records} == {"LS6"}


def test_occupancy_download_names_only_children_the_person_may_see(
    client, home_manager, visitor, day
):
    home = HomeFactory(name="Oak House")
    home.managers.add(home_manager)
    home.independent_visitors.add(visitor)
    arriving = PlacementFactory(home=home, start_date=day + days(2))
    for person, expected in ((home_manager, arriving.child.full_name), (visitor, "a child")):
        client.force_login(person)
        for records in both_downloads(client, "homes:occupancy_export"):
            assert records[0]["Arrivals in the next 14 days"] == (
                f"{arriving.start_date:%d/%m/%Y} {expected}"
            )


def test_vacancies_filter_by_area_sort_by_free_beds_and_download(client, social_worker, homes, day):
    client.force_login(social_worker)
    query = {"start": (day + days(1)).isoformat(), "area": "WF1", "sort": "-free"}
    shown = every_page(client, reverse("homes:vacancies"), query)
    assert [v.home.postcode for v in shown] == ["WF1 5LT"] * len(shown)
    free = [v.free_beds for v in shown]
    assert free == sorted(free, reverse=True) and len(shown) == 15 - 7  # 7 full homes in WF1
    for records in both_downloads(client, "homes:vacancies_export", query):
        assert [(r["Home"], r["Free beds"]) for r in records] == [
            (v.home.name, str(v.free_beds)) for v in shown
        ]


def test_a_vacancy_download_without_a_search_goes_back_to_the_search(client, social_worker):
    client.force_login(social_worker)
    response = client.get(reverse("homes:vacancies_export", args=["csv"]))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("homes:vacancies")
    )


@pytest.fixture
def caseload(social_worker, day):
    """27 children: 9 in homes (planned ends spread out), 9 with carers, 9 not placed."""
    from tests.factories import CarerHouseholdFactory

    carer = CarerHouseholdFactory(approved_places=10)
    children = []
    for n in range(27):
        child = ChildFactory(social_worker=social_worker, last_name=f"Child{n:02d}")
        if n % 3 == 0:
            PlacementFactory(
                child=child, start_date=day - days(n + 1), planned_end_date=day + days(30 - n)
            )
        elif n % 3 == 1:
            PlacementFactory(
                child=child, home=None, carer=carer, placement_type="U6",
                start_date=day - days(n + 1),
            )  # fmt: skip
        children.append(child)
    ChildFactory(last_name="Someone else's")
    return children


def test_caseload_filters_sorts_and_downloads(client, social_worker, caseload, day):
    client.force_login(social_worker)
    url = reverse("placements:caseload")
    assert len(every_page(client, url)) == 27
    in_homes = every_page(client, url, {"placed_with": "home", "sort": "planned_end"})
    ends = [child.current.planned_end_date for child in in_homes]
    assert len(in_homes) == 9 and ends == sorted(ends)
    assert {c.last_name for c in every_page(client, url, {"placed_with": "none"})} == {
        f"Child{n:02d}" for n in range(2, 27, 3)
    }
    soon = every_page(client, url, {"planned_end": "soon"})
    assert {c.last_name for c in soon} == {f"Child{n:02d}" for n in range(3, 27, 3)}  # 30 - 0 days
    for records in both_downloads(client, "placements:caseload_export", {"sort": "days"}):
        shown = every_page(client, url, {"sort": "days"})
        assert [r["Child"] for r in records] == [c.full_name for c in shown]
        placed = [r for r in records if r["Placement start"]]
        assert [r["Placement start"] for r in placed] == sorted(
            (r["Placement start"] for r in placed), reverse=True
        )


def test_my_work_shows_the_first_of_the_caseload_and_links_to_the_whole(
    client, social_worker, caseload
):
    client.force_login(social_worker)
    response = client.get(reverse("accounts:my_work"))
    assert len(response.context["caseload"]) == 25
    page = response.content.decode()
    assert "Showing the first 25 children." in page
    assert f'href="{reverse("placements:caseload")}"' in page


def test_home_area_is_the_postcode_district(db):
    for postcode in ("LS6 2AA", "ls10 1aa", "M8  4JB", "WF15LT", ""):
        HomeFactory(postcode=postcode)
    assert Home.objects.areas() == ["LS6", "LS10", "M8", "WF1"]


def _grow(day, social_worker, homes):
    for n in range(homes):
        home = HomeFactory(name=f"Grown {n}", beds=3, postcode=f"LS{n % 9 + 1} 1AA")
        for k in range(2):
            child = ChildFactory(social_worker=social_worker)
            PlacementFactory(home=home, child=child, start_date=day - days(k + 1))
        PlacementFactory(home=home, start_date=day + days(2))  # arriving


@pytest.mark.parametrize(
    "url_name, args, query",
    [
        ("homes:occupancy", [], {"sort": "-free", "free": "yes"}),
        ("homes:occupancy_export", ["csv"], {"area": "LS1"}),
        ("homes:vacancies", [], {"start": "{soon}", "sort": "-free"}),
        ("homes:vacancies_export", ["xlsx"], {"start": "{soon}"}),
        ("placements:caseload", [], {"sort": "planned_end"}),
        ("placements:caseload_export", ["xlsx"], {}),
        ("accounts:my_work", [], {}),
    ],
)
def test_list_pages_and_downloads_run_the_same_queries_at_two_sizes(
    client, social_worker, day, django_assert_max_num_queries, url_name, args, query
):
    client.force_login(social_worker)
    client.get("/")  # the session is saved once
    query = {k: v.format(soon=(day + days(30)).isoformat()) for k, v in query.items()}
    counts = []
    for homes in (2, 30):  # 4 then 64 homes; 4 then 64 children on the caseload
        _grow(day, social_worker, homes)
        with django_assert_max_num_queries(20) as captured:
            response = client.get(reverse(url_name, args=args), query)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
