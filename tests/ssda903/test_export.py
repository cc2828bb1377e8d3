"""The return read from the ledger (ssda903.export): which episodes, children, reviews and
care leavers are in a year, in a fixed number of queries; the tables still to come are empty
seams that one function fills."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careleavers.models import Accommodation, CareLeaver, KeepingInTouch
from core.dates import add_years
from placements.models import Placement
from ssda903 import export, services
from ssda903.tables import COLUMNS, CollectionYear
from tests.factories import CareLeaverFactory, ChildFactory, PlacementFactory
from timescales.models import LookedAfterReview

D = datetime.date
YEAR = CollectionYear(2026)
pytestmark = pytest.mark.django_db


def _rows(table, year=YEAR):
    return export.build(year)[table]


def test_episodes_are_the_placements_open_in_the_year():
    child = ChildFactory(local_id="A1", home_postcode="LS8 3QW")
    PlacementFactory(
        child=child,
        start_date=D(2025, 1, 5),
        end_date=D(2025, 11, 1),
        reason_episode_ceased="X1",
        reason_placement_change="CREQB",
        placement_postcode="LS14 6ZS",
        home_postcode="LS8 3QW",
        urn="SC521698",
    )
    PlacementFactory(child=child, start_date=D(2025, 11, 1), reason_new_episode="P")
    PlacementFactory(
        child=ChildFactory(local_id="B1"), start_date=D(2024, 1, 1), end_date=D(2025, 3, 31)
    )
    PlacementFactory(
        child=ChildFactory(local_id="C1"),
        start_date=D(2026, 2, 1),
        end_date=D(2026, 5, 1),
        reason_episode_ceased="E4A",
    )
    PlacementFactory(
        child=ChildFactory(local_id="D1"), start_date=D(2025, 6, 1), entered_in_error=True
    )
    PlacementFactory(child=ChildFactory(local_id="F1"), start_date=D(2026, 4, 2))

    episodes = _rows("Episodes")
    assert [(e[0], e[1], e[7]) for e in episodes] == [
        ("A1", D(2025, 1, 5), D(2025, 11, 1)),
        ("A1", D(2025, 11, 1), None),
        ("C1", D(2026, 2, 1), None),  # ends after the year: still open in the return
    ]
    first = dict(zip(COLUMNS["Episodes"], episodes[0], strict=True))
    assert first | {"DECOM": None, "DEC": None} == {
        "CHILD": "A1", "DECOM": None, "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2",
        "PLACE_PROVIDER": "PR1", "DEC": None, "REC": "X1", "REASON_PLACE_CHANGE": "CREQB",
        "HOME_POST": "LS8 3QW", "PL_POST": "LS14 6ZS", "URN": "SC521698",
    }  # fmt: skip
    assert episodes[2][8:10] == (None, None)  # no reason it ended, as it has not in the year
    assert [h[0] for h in _rows("Header")] == ["A1", "C1"]


def test_a_short_break_has_no_placement_location():
    PlacementFactory(
        start_date=D(2025, 7, 4),
        end_date=D(2025, 7, 6),
        legal_status="V3",
        is_short_break=True,
        placement_postcode="LS14 6ZS",
        urn="SC521698",
    )
    (episode,) = _rows("Episodes")
    assert episode[3] == "V3" and episode[10:] == (None, None, None)


def test_the_year_so_far_stops_today():
    child = ChildFactory(local_id="A1")
    PlacementFactory(child=child, start_date=D(2026, 5, 1), end_date=D(2026, 12, 20))
    PlacementFactory(child=child, start_date=D(2026, 12, 20))  # planned, not yet started
    so_far = CollectionYear.containing(D(2026, 12, 6))
    assert [(e[1], e[7]) for e in _rows("Episodes", so_far)] == [(D(2026, 5, 1), None)]


def test_header_lists_each_child_once_with_their_details():
    child = ChildFactory(
        local_id="A1", sex="M", date_of_birth=D(2011, 3, 14), ethnicity="APKN", upn="A68507374635H"
    )
    PlacementFactory(
        child=child, start_date=D(2025, 5, 1), end_date=D(2025, 6, 1), reason_episode_ceased="X1"
    )
    PlacementFactory(child=child, start_date=D(2025, 6, 1))
    assert _rows("Header") == [("A1", "M", D(2011, 3, 14), "APKN", "A68507374635H", None, None)]


def test_reviews_are_those_held_in_the_year_for_children_in_the_return():
    stay = PlacementFactory(child=ChildFactory(local_id="A1"), start_date=D(2025, 1, 5))
    for day in (D(2025, 3, 1), D(2025, 6, 1), D(2026, 3, 31), D(2026, 4, 1)):
        LookedAfterReview.objects.create(child=stay.child, held_on=day)
    LookedAfterReview.objects.create(child=ChildFactory(), held_on=D(2025, 6, 1))
    assert _rows("Reviews") == [
        ("A1", stay.child.date_of_birth, D(2025, 6, 1), None),
        ("A1", stay.child.date_of_birth, D(2026, 3, 31), None),
    ]


def _leaver(ref, born, left_on=None, **fields):
    leaver = CareLeaverFactory(child__local_id=ref, child__date_of_birth=born, **fields)
    if left_on:
        PlacementFactory(
            child=leaver.child,
            start_date=D(2020, 1, 1),
            end_date=left_on,
            reason_episode_ceased="E17",
        )
    return leaver


def test_oc3_is_for_care_leavers_around_a_17th_to_21st_birthday():
    _leaver(
        "AGE19",
        D(2006, 6, 1),
        left_on=D(2024, 6, 1),
        accommodation=Accommodation.U,
        accommodation_suitable=True,
        activity="F2",
    )
    _leaver(
        "AGE21",
        D(2004, 9, 1),
        in_touch=False,
        accommodation=Accommodation.S,
        accommodation_suitable=False,
    )
    _leaver("AGE22", D(2003, 3, 1))  # 22nd birthday in the year: too old
    _leaver("AGE17LEFT", D(2008, 10, 1), left_on=D(2025, 9, 30))
    _leaver("AGE17ONDAY", D(2008, 10, 1), left_on=D(2025, 10, 1))  # in care on the birthday
    still = _leaver("AGE18STILL", D(2007, 10, 1))
    PlacementFactory(child=still.child, start_date=D(2020, 1, 1))
    for leaver in CareLeaver.objects.select_related("child"):
        for age, values in ((17, ("YES", "F5", "D1")), (19, ("YES", "F2", "U1")),
                            (21, ("NO", "0", "0"))):  # fmt: skip
            birthday = add_years(leaver.child.date_of_birth, age)
            KeepingInTouch.objects.create(care_leaver=leaver, as_at=birthday - D.resolution * 3,
                                          in_touch=values[0], activity=values[1],
                                          accommodation=values[2])  # fmt: skip
            KeepingInTouch.objects.create(care_leaver=leaver, as_at=birthday + D.resolution,
                                          in_touch="REFU", activity="G5", accommodation="W2")  # fmt: skip
    oc3 = _rows("OC3")
    assert oc3 == [  # as they were on the birthday, not the day after
        ("AGE17LEFT", D(2008, 10, 1), "YES", "F5", "D1"),
        ("AGE19", D(2006, 6, 1), "YES", "F2", "U1"),
        ("AGE21", D(2004, 9, 1), "NO", "0", "0"),
    ]
    assert {h[0] for h in _rows("Header")} >= {"AGE17LEFT", "AGE19", "AGE21"}


def test_mother_is_asked_of_girls_in_care_and_uasc_ends_at_18_at_the_latest():
    mother = ChildFactory(local_id="M1", sex="F", is_mother=True, child_born_on=D(2026, 2, 1))
    not_yet = ChildFactory(local_id="M2", sex="F", is_mother=True, child_born_on=D(2026, 5, 1))
    brief = ChildFactory(local_id="M3", sex="F")
    uasc = ChildFactory(local_id="U2", sex="M", date_of_birth=D(2009, 6, 1), is_uasc=True)
    for child in (mother, not_yet, uasc):
        PlacementFactory(child=child, start_date=D(2025, 5, 1), home_postcode="LS8 3QW")
    PlacementFactory(child=brief, start_date=D(2025, 7, 4), end_date=D(2025, 7, 6),
                     legal_status="V3", is_short_break=True, reason_episode_ceased="E4A")  # fmt: skip
    tables = export.build(YEAR)
    assert [row[5:] for row in tables["Header"]] == [
        ("1", D(2026, 2, 1)),
        ("0", None),  # her child is born after the year (rule 625)
        (None, None),  # on short breaks only (rule 399)
        (None, None),
    ]
    assert tables["UASC"] == [("U2", "M", D(2009, 6, 1), D(2027, 6, 1))]  # rule 205B
    assert {row[10] for row in tables["Episodes"] if row[0] == "U2"} == {None}  # rule 406


def test_a_table_plugs_in_as_one_function(monkeypatch):
    child = ChildFactory(local_id="U1", date_of_birth=D(2008, 2, 3), sex="M")

    def uasc(year):
        return [(child.local_id, child.sex, child.date_of_birth, D(2026, 2, 3))]

    monkeypatch.setitem(export.BUILDERS, "UASC", uasc)
    tables = export.build(YEAR)
    assert tables["UASC"] == [("U1", "M", D(2008, 2, 3), D(2026, 2, 3))]
    assert [h[0] for h in tables["Header"]] == ["U1"]  # the Header lists every table's children


def _population(n, first):
    for i in range(first, first + n):
        child = ChildFactory(local_id=f"Q{i:04d}")
        PlacementFactory(
            child=child,
            start_date=D(2025, 1, 5),
            end_date=D(2025, 8, 1),
            reason_episode_ceased="X1",
        )
        PlacementFactory(child=child, start_date=D(2025, 8, 1))
        LookedAfterReview.objects.create(child=child, held_on=D(2025, 9, 1))
        _leaver(f"L{i:04d}", D(2006, 6, 1), left_on=D(2024, 6, 1))


def _queries():
    with CaptureQueriesContext(connection) as captured:
        tables = export.build(YEAR)
    return len(captured), len(tables["Header"])


def test_export_runs_the_same_number_of_queries_for_more_children():
    _population(2, 0)
    small, children = _queries()
    _population(10, 2)
    large, more_children = _queries()
    assert (children, more_children) == (4, 24)
    assert large == small


def test_the_return_is_written_with_its_xml_when_the_validator_reads_it_alike():
    PlacementFactory(start_date=D(2025, 5, 1))
    made = services.make_return(YEAR)
    assert made.xml_refused == []
    assert set(made.files) == {f"{t}.csv" for t in COLUMNS} | {services.XML_NAME}
    assert made.files[services.XML_NAME].startswith(b"<?xml")


def test_no_xml_when_the_validator_would_read_it_differently(monkeypatch):
    stay = PlacementFactory(start_date=D(2025, 5, 1))
    row = (stay.child.local_id, stay.child.date_of_birth, "SW1", D(2025, 5, 1), None, "OTHERS")
    monkeypatch.setitem(export.BUILDERS, "SWEpisodes", lambda year: [row])
    made = services.make_return(YEAR)
    assert services.XML_NAME not in made.files
    assert made.xml_refused == ["SWEpisodes: the validator does not read it from XML"]
    assert Placement.objects.count() == 1


def test_oc3_so_far_leaves_out_a_birthday_still_to_come():
    _leaver("LEAP", D(2011, 3, 1), left_on=D(2027, 1, 1))
    _leaver("LEAP29", D(2008, 2, 29), left_on=D(2025, 2, 1))
    so_far = CollectionYear.containing(D(2028, 2, 29))
    # LEAP is 17 on 1 March 2028, not yet; LEAP29 is 20 on 29 February 2028.
    assert [row[0] for row in _rows("OC3", so_far)] == ["LEAP29"]
