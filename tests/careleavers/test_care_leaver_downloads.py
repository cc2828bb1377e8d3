"""The care leavers list's sorting and downloads: every filtered row the person may see, in the
page's order, naming them only to staff who may open their records."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.downloads import both_downloads, every_page
from tests.factories import UserFactory

from .test_careleavers import leaver_born

pytestmark = pytest.mark.django_db


def test_downloads_hold_every_filtered_row_in_the_pages_order(client, administrator):
    for n in range(28):
        leaver_born(
            datetime.date(2006, 1, 1),
            staying_put=n % 2 == 0,
            pathway_plan_review_due=datetime.date(2026, 7, 1) + datetime.timedelta(days=n),
            accommodation="Z" if n % 2 == 0 else "U",
        )
    client.force_login(administrator)
    query = {"support": "staying_put", "sort": "-review"}
    shown = every_page(client, reverse("careleavers:list"), query)
    assert len(shown) == 14
    dues = [leaver.pathway_plan_review_due for leaver in shown]
    assert dues == sorted(dues, reverse=True)
    for records in both_downloads(client, "careleavers:export", query):
        assert [r["Young person"] for r in records] == [lv.child.full_name for lv in shown]
        assert [r["Pathway plan review due"] for r in records] == [d.isoformat() for d in dues]
        assert {r["Support"] for r in records} == {"Staying Put"}
        assert {r["Accommodation"] for r in records} == {"With former foster carers (Staying Put)"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 2


def test_a_name_that_looks_like_a_formula_is_escaped(client, administrator):
    leaver = leaver_born(datetime.date(2006, 1, 1))
    leaver.child.first_name = "=cmd|' /C calc'!A0"
    leaver.child.save()
    client.force_login(administrator)
    for records in both_downloads(client, "careleavers:export"):
        assert records[0]["Young person"].startswith("'=cmd|")


def test_sorting_by_adviser_puts_those_without_one_last(client, administrator):
    adviser = UserFactory(role="personal_adviser", last_name="Adams")
    with_adviser = leaver_born(datetime.date(2006, 1, 1), personal_adviser=adviser)
    without = leaver_born(datetime.date(2006, 1, 1))
    client.force_login(administrator)
    for sort in ("adviser", "-adviser"):
        page = client.get(reverse("careleavers:list"), {"sort": sort}).context["page"]
        assert list(page.object_list) == [with_adviser, without]
