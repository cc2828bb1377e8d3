"""The home types a council runs, with the rules of each held as data (Leeds' 2019 model).

Installed by a data migration; `ensure_standard_home_types` puts back any that are missing after
every migrate or flush (homes/apps.py), so a transactional test's flush does not lose them.
"""

HOME_TYPES = [
    dict(
        code="safe-space",
        name="Safe Space",
        min_age=11,
        max_age=17,
        max_stay_days=28,
        stay_warning_days=[7, 2],
        max_beds=4,
        purpose="Short stays for young people on the edge of care, aiming at a safe return home.",
    ),
    dict(
        code="wraparound",
        name="Wraparound Care Hub",
        min_age=8,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=4,
        offers_outreach=True,
        purpose="Respite and outreach for young people whose foster placement may break down.",
    ),
    dict(
        code="towards-home",
        name="Towards Home",
        min_age=11,
        max_age=17,
        max_stay_days=274,
        planned_stay_min_days=182,
        stay_warning_days=[28, 7],
        max_beds=4,
        purpose="Six to nine months of intensive support, then a family setting.",
    ),
    dict(
        code="interdependence",
        name="Moving to interdependence",
        min_age=16,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=None,
        has_linked_units=True,
        purpose="Older young people: trainer flat, linked houses, then their own tenancy.",
    ),
    dict(
        code="mst",
        name="MST home",
        min_age=11,
        max_age=17,
        max_stay_days=84,
        stay_warning_days=[14, 7],
        max_beds=4,
        purpose="About twelve weeks of Multisystemic Therapy towards reunification.",
    ),
    dict(
        code="complex-needs",
        name="Complex needs",
        min_age=5,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=4,
        offers_short_breaks=True,
        purpose="Looked after children and short breaks for disabled children.",
    ),
    dict(
        code="secure",
        name="Secure children's home",
        min_age=10,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=None,
        purpose="Secure accommodation under a court order.",
    ),
    dict(
        code="small-group",
        name="Small group living",
        min_age=8,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=2,
        purpose="Two-bed homes for young people who need a small household.",
    ),
    dict(
        code="residential",
        name="Residential children's home",
        min_age=8,
        max_age=17,
        max_stay_days=None,
        stay_warning_days=[],
        max_beds=None,
        purpose="Other registered children's homes, including external providers.",
    ),
]


def ensure_standard_home_types(home_type_model=None):
    if home_type_model is None:
        from .models import HomeType as home_type_model
    existing = set(home_type_model.objects.values_list("code", flat=True))
    home_type_model.objects.bulk_create(
        [home_type_model(**fields) for fields in HOME_TYPES if fields["code"] not in existing]
    )
