"""The list pages' own pages and downloads (core/lists.py, core/exports.py): each download is
allowed to exactly the roles that may open its list; the board member gets none."""

from .rules import ADMIN, HM, IV, PA, SW, Rule

CASEWORKERS = {SW, PA}
ALERTED = {SW, HM, IV, PA, ADMIN}


def _downloads(url_name, allowed):
    return [
        Rule(url_name, args=lambda w, fmt=fmt: [fmt], allowed=allowed) for fmt in ("csv", "xlsx")
    ]


RULES = [
    Rule("placements:caseload", allowed=CASEWORKERS),
    *_downloads("placements:caseload_export", CASEWORKERS),
    *_downloads("children:search_export", {SW, HM, PA, ADMIN}),
    *_downloads("carers:export", {SW, HM, ADMIN}),
    *_downloads("careleavers:export", {PA, SW, ADMIN}),
    *_downloads("homes:occupancy_export", {ADMIN, SW, HM, IV}),
    *_downloads("homes:vacancies_export", {ADMIN, SW, HM}),
    *_downloads("inspections:export", {IV, HM, ADMIN}),
    *_downloads("inspections:actions_export", {IV, HM, ADMIN}),
    Rule("alerts:list", allowed=ALERTED),
    *_downloads("alerts:export", ALERTED),
    *_downloads("placements:requests_export", {ADMIN, SW, HM}),
]
