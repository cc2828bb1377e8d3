"""The synthetic council's proportions: how common each kind of home, carer, story, move and
ending is, how long stays last, and the small date helpers the generator shares."""

import datetime
import itertools

from placements.models import Outcome

# How many homes of each type there are, relative to each other.
HOME_TYPE_WEIGHTS = {
    "residential": 30, "small-group": 10, "safe-space": 7, "wraparound": 7, "towards-home": 10,
    "mst": 5, "complex-needs": 18, "interdependence": 6, "secure": 3,
}  # fmt: skip
CARER_TYPE_WEIGHTS = {"foster": 62, "kinship": 18, "agency": 13, "supported_lodgings": 7}


def weighted_table(pairs):
    """(keys, cumulative weights) for fast repeated random choices."""
    keys, weights = zip(*pairs, strict=True)
    return keys, list(itertools.accumulate(weights))


def pick(rng, table):
    return rng.choices(table[0], cum_weights=table[1])[0]


# Where a looked-after child goes next, by age band: (kind, weight). Kinds are carer types or
# home type codes; "respite" is a short stay at a Wraparound hub before going back.
NEXT_PLACE = {  # turned into weighted tables below
    (0, 7): [("foster", 62), ("kinship", 25), ("agency", 13)],
    (8, 10): [("foster", 52), ("kinship", 16), ("agency", 13), ("residential", 6),
              ("small-group", 4), ("complex-needs", 2), ("respite", 6)],
    (11, 15): [("foster", 40), ("kinship", 9), ("agency", 13), ("residential", 10),
               ("small-group", 4), ("towards-home", 6), ("mst", 2), ("secure", 1),
               ("complex-needs", 1), ("respite", 8)],
    (16, 17): [("foster", 30), ("kinship", 7), ("agency", 10), ("residential", 10),
               ("supported_lodgings", 15), ("interdependence", 12), ("towards-home", 3),
               ("secure", 2), ("respite", 3)],
}  # fmt: skip

# Typical length of a stay in days: (median, spread of the log-normal, shortest, longest).
STAY_DAYS = {
    "foster": (330, 1.0, 7, 4000), "agency": (300, 1.0, 7, 4000),
    "kinship": (800, 0.8, 30, 5000), "supported_lodgings": (300, 0.6, 30, 730),
    "residential": (300, 0.8, 21, 1500), "small-group": (360, 0.7, 30, 1500),
    "complex-needs": (700, 0.7, 60, 3000), "secure": (150, 0.6, 30, 500),
    "interdependence": (400, 0.5, 60, 730),
}  # fmt: skip
# Fixed ranges for the planned, time-limited stays: (shortest, longest) days.
STAY_RANGE = {
    "safe-space": (3, 28), "mst": (56, 84), "towards-home": (182, 274), "respite": (2, 14),
    "short-break": (1, 3),
}  # fmt: skip

CHANGE_REASONS = weighted_table([("CARPL", 50), ("CREQB", 15), ("CREQO", 9), ("CHILD", 7), ("LAREQ", 8),
                  ("STAND", 3), ("ALLEG", 2), ("CLOSE", 4), ("OTHER", 2)])  # fmt: skip
LEGAL_STATUS = weighted_table([("C2", 58), ("C1", 20), ("V2", 16), ("E1", 3), ("J1", 3)])
ETHNICITY = weighted_table([("WBRI", 70), ("WOTH", 4), ("WIRI", 1), ("WROM", 1), ("MWBC", 5), ("MWAS", 2),
             ("MOTH", 3), ("APKN", 5), ("AIND", 1), ("ABAN", 1), ("BAFR", 3), ("BCRB", 1),
             ("CHNE", 1), ("OOTH", 2)])  # fmt: skip
NEEDS = weighted_table(
    [("N1", 64), ("N2", 3), ("N3", 3), ("N4", 8), ("N5", 14), ("N6", 2), ("N7", 1), ("N8", 5)]
)
# What kind of story a child has, and how common it is.
STORIES = weighted_table(
    [("looked_after", 47), ("care_leaver", 27), ("edge_of_care", 15), ("short_breaks", 11)]
)
# Why care ended before 18, and where the child went: adoption is for young children only,
# custody for teenagers only.
_LEAVING = [(("E4A", Outcome.RETURNED_HOME), 45), (("E13", Outcome.RETURNED_HOME), 10),
            (("E45", Outcome.PERMANENCE), 15), (("E41", Outcome.PERMANENCE), 8),
            (("E8", Outcome.OTHER), 5)]  # fmt: skip
LEAVING = weighted_table(_LEAVING)
LEAVING_YOUNG = weighted_table(_LEAVING + [(("E11", Outcome.PERMANENCE), 8)])
LEAVING_TEEN = weighted_table(_LEAVING + [(("E9", Outcome.CUSTODY), 2)])
EDGE_OF_CARE_STAYS = weighted_table([("safe-space", 60), ("mst", 30), ("respite", 10)])
CARER_TYPES = weighted_table(CARER_TYPE_WEIGHTS.items())
NEXT_PLACE = {band: weighted_table(choices) for band, choices in NEXT_PLACE.items()}

NEVER = 10**8  # an ordinal day after any real date: "still there"
# Time-limited stays: how often one is planned up to the limit and then runs over it, by how
# many days at most, and how often the head of service authorises an extension for it.
OVERRUN_SHARE, OVERRUN_DAYS, EXTENDED_SHARE = 0.12, 21, 0.5


def band_of(table, age):
    return next(v for (low, high), v in table.items() if low <= age <= high)


def age_on(born: datetime.date, day: int) -> int:
    on = datetime.date.fromordinal(day)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def nth_birthday(born: datetime.date, years: int) -> int:
    try:
        return born.replace(year=born.year + years).toordinal()
    except ValueError:  # 29 February
        return datetime.date(born.year + years, 3, 1).toordinal()


ACTIVITIES = weighted_table([("F2", 25), ("F5", 15), ("F1", 7), ("F4", 6), ("P5", 8), ("G5", 25),
                        ("G4", 6), ("G6", 5), ("0", 3)])  # fmt: skip
ACCOMMODATION = weighted_table([("U", 30), ("D", 15), ("Z", 12), ("E", 10), ("B", 12), ("K", 8),
                           ("T", 5), ("S", 2), ("R", 6)])  # fmt: skip

# Positions in a placement row that are filled in when the stay ends.
P_PLANNED, P_END, P_CEASED, P_CHANGE, P_OUTCOME = 4, 5, 14, 15, 18
P_TYPE, P_NEW = 11, 13  # the placement type (for adoption when adopted) and reason it began


def as_date(day: int | None):
    return None if day is None else datetime.date.fromordinal(day)
