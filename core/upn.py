"""Unique pupil numbers (UPN), as the DfE issues them: a check letter then 12 characters, the
last of which is a letter in a temporary UPN; or UN1 to UN5 when the child has none.

The check letter is the remainder, modulo 23, of characters 2 to 13 weighted 2 to 13, read in
the DfE's 23-letter alphabet (no I, O or S); a letter in position 13 counts by its place in
the same alphabet.
"""

import re

ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the DfE's: no I, O or S
UNKNOWN_CODES = ("UN1", "UN2", "UN3", "UN4", "UN5")
SHAPE = re.compile(rf"^[{ALPHABET}][0-9]{{11}}[0-9{ALPHABET}]$")
# What the database can check (child_upn_format): the shape, without the check letter.
SHAPE_SQL = rf"^([{ALPHABET}][0-9]{{11}}[0-9{ALPHABET}]|UN[1-5])$"


def check_letter(last_twelve: str) -> str:
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        total += weight * (int(char) if char.isdigit() else ALPHABET.index(char))
    return ALPHABET[total % 23]


def problem(upn: str) -> str | None:
    """Why the UPN is not one the DfE would accept, in words a person can act on; None if it is."""
    if upn in UNKNOWN_CODES:
        return None
    if len(upn) != 13:
        return (
            "A unique pupil number is 13 characters, like A123456789012 (or UN1 to UN5 if the "
            "child has none)."
        )
    if not SHAPE.match(upn):
        return (
            "A unique pupil number is a letter (not I, O or S), 11 numbers, then a number or a "
            "letter, like A123456789012."
        )
    if upn[0] != check_letter(upn[1:]):
        return (
            f"That unique pupil number’s check letter should be {check_letter(upn[1:])}: check "
            "it with the school."
        )
    return None


def make(last_twelve: str) -> str:
    """A valid UPN for 12 characters (demo and synthetic data)."""
    return check_letter(last_twelve) + last_twelve
