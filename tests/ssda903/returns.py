"""Small returns written by hand for the validator tests, as the export makes them: each
table a list of rows in the DfE's column order."""

import datetime

from ssda903.tables import COLUMNS

D = datetime.date


def empty() -> dict:
    return {table: [] for table in COLUMNS}


def valid_return() -> dict:
    """One boy who came into care on 2 June 2025 under an interim care order, in a council
    children's home in Leeds, reviewed on time, with an open social worker episode: every
    2025-26 rule passes."""
    child, dob = "HW000001", D(2011, 3, 14)
    return empty() | {
        "Header": [(child, "M", dob, "WBRI", "A68507374635H", None, None)],
        "Episodes": [_episode(child)],
        "Reviews": [
            (child, dob, D(2025, 6, 23), "PN1"),
            (child, dob, D(2025, 9, 15), "PN1"),
            (child, dob, D(2026, 3, 9), "PN1"),
        ],
        "PrevPerm": [(child, dob, "Z1", None, None)],
        "SWEpisodes": [(child, dob, "SW0001", D(2025, 6, 2), None, "OTHERS")],
    }


def _episode(child, **changes):
    fields = dict(
        zip(
            COLUMNS["Episodes"],
            (
                child,
                D(2025, 6, 2),
                "S",
                "C1",
                "N1",
                "K2",
                "PR1",
                None,
                None,
                None,
                "LS8 3QW",
                "LS14 6ZS",
                "SC521698",
            ),
            strict=True,
        )
    )
    return tuple((fields | changes).values())


def with_known_errors() -> tuple[dict, dict]:
    """This year's and last year's returns: the valid boy's, with one more child for each
    error below. The data is right in every case but the first; the others are the
    validator's known defects (README, "The DfE rules"):

    - HW000011, ethnicity XXXX: a real error, rule 103;
    - HW000012, a two-day short break (V3) with no placement location, as rules 214 and 398
      ask: rule 218 (2025-26) still asks for a URN;
    - HW000013, the same short break with its location: rules 214, 398 and 420 refuse it;
    - HW000014, placed in Northallerton: North Yorkshire became a council in April 2023, after
      the validator's table of councils (2021), so rule 169 finds no council for the postcode;
    - HW000015, a care leaver of 20 who left care in 2023: rule 1002 looks for episodes in
      these two years only.
    """
    tables = valid_return()
    child, dob = tables["Header"][0][:3:2]
    header, episodes, perm, sw = [], [], [], []

    def looked_after(ref, born, episode, upn, sex="F", ethnic="WBRI"):
        mother = "0" if sex == "F" and episode[3] not in ("V3", "V4") else None
        header.append((ref, sex, born, ethnic, upn, mother, None))
        episodes.append(episode)
        perm.append((ref, born, "Z1", None, None))
        if episode[3] not in ("V3", "V4"):
            sw.append((ref, born, "SW0001", episode[1], None, "OTHERS"))

    looked_after("HW000011", D(2012, 1, 9), _episode("HW000011"), "A53461288985J", ethnic="XXXX")
    for ref, upn, location in (
        ("HW000012", "A82805462012B", (None, None, None)),
        ("HW000013", "A43862036683K", ("LS8 3QW", "LS14 6ZS", "SC521698")),
    ):
        short_break = _episode(
            ref,
            DECOM=D(2025, 7, 4),
            LS="V3",
            CIN="N2",
            DEC=D(2025, 7, 6),
            REC="E4A",
            HOME_POST=location[0],
            PL_POST=location[1],
            URN=location[2],
        )
        looked_after(ref, D(2013, 5, 2), short_break, upn)
    away = _episode("HW000014", PLACE_PROVIDER="PR4", PL_POST="DL7 8AD")
    looked_after("HW000014", D(2011, 11, 20), away, "A85683697924G", sex="M")
    leaver, born = "HW000015", D(2005, 9, 1)
    header.append((leaver, "M", born, "WBRI", "A72215045704J", None, None))

    def plus(table, rows):
        return sorted(tables[table] + rows)

    this_year = tables | {
        "Header": plus("Header", header),
        "Episodes": plus("Episodes", episodes),
        "PrevPerm": plus("PrevPerm", perm),
        "SWEpisodes": plus("SWEpisodes", sw),
        "Reviews": plus("Reviews", _reviews(header[:1] + header[3:4])),
        "OC3": [(leaver, born, "YES", "F2", "U1")],
    }
    last_year = empty() | {"Header": [header[-1]]}
    return this_year, last_year


def _reviews(children):
    return [
        (ref, born, day, "PN1")
        for ref, _, born, *_ in children
        for day in (D(2025, 6, 23), D(2025, 9, 15), D(2026, 3, 9))
    ]


KNOWN_ERRORS = {
    ("103", "Header", "HW000011"),
    ("218", "Episodes", "HW000012"),
    ("214", "Episodes", "HW000013"),
    ("398", "Episodes", "HW000013"),
    ("420", "Episodes", "HW000013"),
    ("169", "Episodes", "HW000014"),
    ("1002", "OC3", "HW000015"),
}


def with_faults() -> tuple[dict, dict]:
    """This year's and last year's returns, right in every row, that show two more defects:

    - HW000001 (the valid boy) has been missing since 10 March 2026 and is still looked after:
      rule 365 writes 31/03/2026 into every open episode's DEC in the tables all rules share
      (each rule gets a shallow copy), so 575 and 577, which run after it, see his care ended;
    - HW000021 left care at 17 on 1 June 2024 after 17 months in care: a former relevant child
      with an OC3 row at 18. Rule 1001 joins this year's and last year's episodes keeping each
      table's row numbers, then drops the short breaks by row number: HW000000's short break
      is row 0 this year, so his only episode, row 0 last year, is dropped with it;
    - HW000030 is on a short break since 1 December 2025, checked as the year so far on
      2 December: rules 365 and 367 count it to 31 March (not a fault of the rules, a limit
      of checking before the year ends).
    """
    tables = valid_return()
    boy, boy_dob = tables["Header"][0][0], tables["Header"][0][2]
    brief, brief_dob = "HW000000", D(2013, 5, 2)
    leaver, born = "HW000021", D(2007, 6, 1)
    short_break = _episode(brief, DECOM=D(2025, 7, 4), LS="V3", CIN="N2", DEC=D(2025, 7, 6),
                           REC="E4A", HOME_POST=None, PL_POST=None, URN=None)  # fmt: skip
    left = _episode(leaver, DECOM=D(2023, 1, 10), LS="C2", DEC=D(2024, 6, 1), REC="E13")
    leaver_header = (leaver, "M", born, "WBRI", "A72215045704J", None, None)
    going_on = _episode("HW000030", DECOM=D(2025, 12, 1), LS="V3", CIN="N2", HOME_POST=None,
                        PL_POST=None, URN=None)  # fmt: skip
    this_year = tables | {
        "Header": [
            (brief, "F", brief_dob, "WBRI", "A82805462012B", None, None),
            *tables["Header"],
            leaver_header,
            ("HW000030", "F", brief_dob, "WBRI", "A43862036683K", None, None),
        ],
        "Episodes": [short_break, *tables["Episodes"], going_on],
        "PrevPerm": [
            (brief, brief_dob, "Z1", None, None),
            *tables["PrevPerm"],
            ("HW000030", brief_dob, "Z1", None, None),
        ],  # fmt: skip
        "Missing": [(boy, boy_dob, "M", D(2026, 3, 10), None)],
        "OC3": [(leaver, born, "YES", "F2", "D1")],
    }
    last_year = empty() | {"Header": [leaver_header], "Episodes": [left]}
    return this_year, last_year


FAULTS = {
    ("218", "Episodes", "HW000000"),  # the known short-break fault, as above
    ("575", "Missing", "HW000001"),
    ("577", "Missing", "HW000001"),
    ("1001", "OC3", "HW000021"),
    ("218", "Episodes", "HW000030"),
    ("365", "Episodes", "HW000030"),
    ("367", "Episodes", "HW000030"),
}
