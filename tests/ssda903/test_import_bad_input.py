"""`ssda903 import` on files that are wrong: every problem is reported with its file and line,
and nothing changes."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent
from children.models import Child
from placements.models import Placement
from ssda903 import importer

from . import hand_return

pytestmark = pytest.mark.django_db
EPISODES = hand_return.THIS_YEAR["Episodes.csv"]


def _import(tmp_path, **changes):
    """Import the hand-written return with some files replaced (text, or bytes as they are)."""
    by = hand_return.set_up_the_council()
    files = hand_return.THIS_YEAR | changes
    folder = tmp_path / "2026"
    folder.mkdir()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode()
        (folder / name).write_bytes(data)
    hand_return.write(tmp_path / "2025", hand_return.LAST_YEAR)
    audited = AuditEvent.objects.count()
    report = importer.import_return(folder, tmp_path / "2025", by=by)
    assert not report.imported
    assert (Child.objects.count(), Placement.objects.count()) == (0, 0)
    assert AuditEvent.objects.count() == audited
    return [str(problem) for problem in report.problems]


def _replace(old, new, text=EPISODES):
    assert old in text
    return text.replace(old, new)


def test_wrong_headers_name_the_nearest_table_and_what_is_wrong(tmp_path):
    wrong = _replace("CHILD,DECOM,RNE", "CHILD,DATE_STARTED,RNE")
    assert _import(tmp_path, **{"Episodes.csv": wrong}) == [
        "Episodes.csv line 1: The header is not a DfE table's. Nearest is Episodes (CHILD, "
        "DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, "
        "PL_POST, URN): it lacks DECOM and it has DATE_STARTED too."
    ]


def test_dates_that_do_not_exist_and_unknown_codes_are_each_reported(tmp_path):
    wrong = _replace("RT0002,01/07/2025,S,V2", "RT0002,31/02/2026,S,V9")
    wrong = _replace("RT0004,01/08/2025,S,C2,N1,U3", "RT0004,01/08/2025,S,C2,N1,Z1", wrong)
    assert _import(tmp_path, **{"Episodes.csv": wrong}) == [
        "Episodes.csv line 4: DECOM 31/02/2026 is not a date as dd/mm/YYYY.",
        "Episodes.csv line 4: LS V9 is not a DfE code for LS.",
        "Episodes.csv line 7: PLACE Z1 is not a DfE code for PLACE.",
    ]


def test_a_child_in_two_places_at_once_and_overlapping_episodes(tmp_path):
    twice = "RT0002,01/07/2025,S,V2,N5,K2,PR1,,,,LS11 1ER,LS14 6ZS,SC521698\n"
    overlap = "RT0004,01/10/2025,P,C2,N1,U6,PR1,,,,LS15 7AF,LS8 3QW,SC054321\n"
    wrong = _replace("RT0003,05/04", twice + "RT0003,05/04")
    wrong = _replace("RT0006,", overlap + "RT0006,", wrong)
    assert _import(tmp_path, **{"Episodes.csv": wrong}) == [
        "Episodes.csv line 5: The child is in two places at once: the episode on line 4 of "
        "Episodes.csv also begins on 01/07/2025.",
        "Episodes.csv line 9: The episode overlaps the one on line 8 of Episodes.csv (from "
        "01/08/2025 with no end).",
    ]


def test_a_postcode_that_does_not_exist(tmp_path):
    wrong = _replace("LS11 1ER,LS16 6SG", "LS99 9ZZ,LS16 6SG")
    assert _import(tmp_path, **{"Episodes.csv": wrong}) == [
        "Episodes.csv line 4: HOME_POST LS99 9ZZ is not in the postcode directory. Check the "
        "postcode."
    ]


def test_a_file_over_the_size_limit(tmp_path, settings):
    settings.SSDA903_IMPORT_MAX_BYTES = 500
    assert (
        len(EPISODES.encode())
        > 500
        > max(
            len(text.encode())
            for name, text in hand_return.THIS_YEAR.items()
            if name != "Episodes.csv"
        )
    )
    assert _import(tmp_path) == [
        "Episodes.csv: The file is larger than 500 bytes: split the return or ask for a higher "
        "limit."
    ]


def test_text_that_is_not_utf8(tmp_path):
    latin1 = hand_return.THIS_YEAR["Reviews.csv"].replace("PN3", "PN3 é").encode("latin-1")
    problems = _import(tmp_path, **{"Reviews.csv": latin1})
    byte = latin1.index("é".encode("latin-1")) + 1
    assert problems == [
        f"Reviews.csv: The file is not UTF-8 text (byte {byte} is not): "
        "save it again as “CSV UTF-8” and import it again."
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    problems = _import(
        tmp_path,
        **{
            "Episodes.csv": _replace("RT0002,01/07/2025", "RT0002,31/02/2026"),
            "Reviews.csv": hand_return.THIS_YEAR["Reviews.csv"].replace("PN3", "PN9"),
            "Missing.csv": b"CHILD,DOB,MISSING\xff\n",
        },
    )
    assert [problem.split(":")[0] for problem in problems] == [
        "Episodes.csv line 4",
        "Missing.csv",
        "Reviews.csv line 7",
    ]


def test_a_row_the_ledger_refuses_stops_that_child_and_the_others_are_still_checked(tmp_path):
    refused = _replace("U3,PR1,,,,LS15 7AF,LS13 1RA", "U3,PR1,,,,LS15 7AF,LS7 1PJ")
    refused = _replace("RT0006,01/12/2025,S,V2,N8,K2,PR1", "RT0006,01/12/2025,S,V2,N8,K2,PR3",
                       refused)  # fmt: skip
    assert _import(tmp_path, **{"Episodes.csv": refused}) == [
        "Episodes.csv line 7: No carer household at LS7 1PJ with the fostering service URN "
        "SC054321 may have a U3 placement: add the council's carer households before importing.",
        "Episodes.csv line 8: A “Children's home” (K2) placement cannot be “Other public "
        "provision (e.g. health)” (PR3).",
    ]


def test_the_command_lists_the_problems_and_fails(tmp_path, capsys):
    hand_return.set_up_the_council()
    folder = tmp_path / "2026"
    hand_return.write(
        folder, hand_return.THIS_YEAR | {"Episodes.csv": _replace("01/07/2025", "31/02/2026")}
    )
    with pytest.raises(CommandError, match="Nothing was imported: 1 problems"):
        call_command("ssda903", "import", str(folder))
    assert "Episodes.csv line 4: DECOM 31/02/2026" in capsys.readouterr().out
