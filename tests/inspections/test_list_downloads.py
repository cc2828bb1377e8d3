"""The visits and open actions lists: filters, sorting and downloads of every filtered row."""

import datetime

import pytest
from django.urls import reverse

from inspections import services
from tests.downloads import both_downloads, every_page

from .conftest import VISIT_DAY

pytestmark = pytest.mark.django_db


def test_visits_and_actions_download_what_the_lists_show(
    client, home, draft, visitor, home_manager
):
    services.add_recommendation(
        draft, by=visitor, text="=Fix the fire door", owner="Manager",
        due_date=VISIT_DAY + datetime.timedelta(days=1),
    )  # fmt: skip
    services.add_recommendation(
        draft, by=visitor, text="Update the plan", owner="Manager",
        due_date=VISIT_DAY + datetime.timedelta(days=60),
    )  # fmt: skip
    services.submit(draft, by=visitor)
    client.force_login(home_manager)
    visits = every_page(client, reverse("inspections:index"), {"status": "submitted"})
    assert [v.pk for v in visits] == [draft.pk]
    assert every_page(client, reverse("inspections:index"), {"status": "draft"}) == []
    for records in both_downloads(client, "inspections:export", {"status": "submitted"}):
        assert [(r["Home"], r["Report"], r["Open actions"]) for r in records] == [
            ("Oak House", "Submitted", "2")
        ]
    overdue = every_page(client, reverse("inspections:actions"), {"due": "overdue"})
    assert [a.text for a in overdue] == ["=Fix the fire door"]
    for records in both_downloads(client, "inspections:actions_export", {"sort": "-due"}):
        assert [r["Recommendation"] for r in records] == ["Update the plan", "'=Fix the fire door"]
