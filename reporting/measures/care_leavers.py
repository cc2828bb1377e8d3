"""Care leavers: in touch, in suitable accommodation, in education, training or work."""

from django.db.models import (
    Count,
    Q,
)

from careleavers.models import CareLeaver
from core.dates import add_years

from ..periods import Period
from .common import measure

AGE_BANDS = {"17-18": (17, 18), "19-21": (19, 21)}


@measure(
    "Care leavers",
    "Care leavers aged 17-18 and 19-21 on the last day of the period: how many are in education, "
    "employment or training, and how many live in accommodation recorded as suitable; and how "
    "many have Staying Put or Staying Close support. Homeward keeps each care leaver's current "
    "situation, so these figures describe the situation when the report was made.",
)
def care_leavers(period: Period) -> dict:
    day = period.last_day
    aggregates = {}
    for band, (youngest, oldest) in AGE_BANDS.items():
        in_band = Q(
            child__date_of_birth__gt=add_years(day, -(oldest + 1)),
            child__date_of_birth__lte=add_years(day, -youngest),
        )
        aggregates[f"{band}:of"] = Count("id", filter=in_band)
        aggregates[f"{band}:eet"] = Count(
            "id", filter=in_band & (Q(activity__startswith="F") | Q(activity__startswith="P"))
        )
        aggregates[f"{band}:suitable"] = Count(
            "id", filter=in_band & Q(accommodation_suitable=True)
        )
    aggregates["staying_put"] = Count("id", filter=Q(staying_put=True))
    aggregates["staying_close"] = Count("id", filter=Q(staying_close=True))
    totals = CareLeaver.objects.aggregate(**aggregates)
    result = {
        band: {k: totals[f"{band}:{k}"] for k in ("of", "eet", "suitable")} for band in AGE_BANDS
    }
    result["staying_put"] = totals["staying_put"]
    result["staying_close"] = totals["staying_close"]
    return result
