"""Every create, change and delete of every Homeward record leaves a row in the audit trail,
whichever path wrote it: the services (all of the demo council is written through them), the
daily checks' set-based statements, the web forms and the admin.

A watcher on the database connection notes each table a statement inserts into, updates or
deletes from; after each path, every audited model written must have a row in the trail for
that path, and across the paths every audited model must have been written."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test import override_settings
from django.urls import reverse

from accounts.models import Role, User
from audit import capture
from audit.models import AuditEvent
from careleavers.models import CareLeaver
from careleavers.services import leaving_care_errors, update_care_leaver
from carers.models import AllowanceRate, CarerHousehold
from carers.services import add_carer
from children.services import allocate_key_worker
from homes.models import HomeType
from reporting import periods
from reporting.services import generate as generate_report
from reporting.tasks import request_report
from tests.children.test_child_edit import answers as child_answers
from tests.factories import ChildFactory, UserFactory
from timescales.services import run_day

pytestmark = pytest.mark.django_db

WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
NOW = datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)


def _tables():
    """Each audited table, and each many-to-many table of an audited model, to its model."""
    tables = {}
    for model in capture.audited_models():
        tables[model._meta.db_table] = model
        for field in model._meta.many_to_many:
            tables[field.remote_field.through._meta.db_table] = model
    return tables


class Watcher:
    def __init__(self):
        self.tables = _tables()
        self.written = set()

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(1) in self.tables:
            self.written.add(self.tables[match.group(1)])
        return execute(sql, params, many, context)


@pytest.fixture
def watch():
    """Runs a path under the watcher; fails if a model it wrote has no row of the trail from
    it. Returns the models written and the path's rows."""
    written_anywhere = set()

    def run(path):
        since = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        watcher = Watcher()
        with connection.execute_wrapper(watcher):
            path()
        rows = AuditEvent.objects.filter(id__gt=since)
        audited = set(rows.values_list("object_type", flat=True))
        missed = sorted(
            m._meta.label_lower for m in watcher.written if m._meta.label_lower not in audited
        )
        assert not missed, f"written with no row in the audit trail: {missed}"
        written_anywhere.update(watcher.written)
        return watcher.written, rows

    run.written = written_anywhere
    return run


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _form(obj) -> dict:
    return {k: "" if v is None else v for k, v in model_to_dict(obj).items()}


def _seed_demo(monkeypatch, tmp_path):
    monkeypatch.setattr("inspections.pdf._render", lambda template, context: b"%PDF-1.7 demo")
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("seed_demo", stdout=io.StringIO())


# Models the demo council and the paths below never write, and the test that audits each.
WRITTEN_ELSEWHERE = {
    "governance.anonymisation": "tests/governance/test_retention.py (no demo child is 75)",
}


@time_machine.travel(NOW, tick=False)
def test_every_path_audits_every_model(watch, monkeypatch, tmp_path, superuser_client):
    # The services: the demo council is written through them, with its daily checks.
    written, rows = watch(lambda: _seed_demo(monkeypatch, tmp_path))
    assert rows.filter(user__isnull=False).exists() and rows.filter(user__isnull=True).exists()
    # The daily checks on a later day: set-based updates close alerts, one insert opens them.
    watch(lambda: run_day(NOW.date() + datetime.timedelta(days=40)))

    # The admin: a model with no service of its own, added, changed and deleted.
    rate = {"min_age": "0", "max_age": "4", "effective_from": "2031-04-01"}

    def admin_paths():
        added = superuser_client.post(
            reverse("admin:carers_allowancerate_add"), {**rate, "weekly_amount": "150.00"}
        )
        assert added.status_code == 302
        pk = AllowanceRate.objects.get(effective_from="2031-04-01", min_age=0).pk
        superuser_client.post(
            reverse("admin:carers_allowancerate_change", args=[pk]),
            {**rate, "weekly_amount": "160.00"},
        )
        superuser_client.post(
            reverse("admin:carers_allowancerate_delete", args=[pk]), {"post": "yes"}
        )
        assert not AllowanceRate.objects.filter(pk=pk).exists()

    written, rows = watch(admin_paths)
    assert [(r.action, r.changes.get("weekly_amount")) for r in rows.order_by("id")] == [
        ("create", [None, "150.00"]),
        ("update", ["150.00", "160.00"]),
        ("delete", ["160.00", None]),
    ]
    assert {r.user.username for r in rows} == {"root"}

    # Services and pages the demo council does not use.
    def other_paths():
        admin, adviser = (User.objects.get(username=n) for n in ("admin", "personal.adviser"))
        leavers = CareLeaver.objects.select_related("child")
        leaver = next(one for one in leavers if not leaving_care_errors(one))
        child = leaver.child
        allocate_key_worker(child, adviser, expected_version=child.version, by=admin)
        other = UserFactory(role=Role.PERSONAL_ADVISER)
        update_care_leaver(
            leaver, by=admin, expected_version=leaver.version, personal_adviser=other
        )
        add_carer(
            CarerHousehold.objects.first(), by=admin, first_name="Sam", last_name="Osei",
            date_of_birth=datetime.date(1980, 1, 2), is_main_carer=False,
        )  # fmt: skip
        monkeypatch.setattr("reporting.services.render_pdf", lambda *a, **k: b"%PDF-1.7")
        report = request_report(periods.month(2026, 5), by=admin)
        generate_report(report)
        superuser_client.force_login(admin)
        assert superuser_client.get(reverse("ssda903:download", args=[2026])).status_code == 200
        home_type = HomeType.objects.first()
        changed = superuser_client.post(
            reverse("admin:homes_hometype_change", args=[home_type.pk]),
            {**_form(home_type), "purpose": "Changed by the administrator."},
        )
        assert changed.status_code == 302, changed.context["adminform"].form.errors

    written, rows = watch(other_paths)
    assert rows.filter(object_type="careleavers.adviserallocation", user__username="admin")

    missing = {m._meta.label_lower for m in capture.audited_models()} - {
        m._meta.label_lower for m in watch.written
    }
    assert missing == set(WRITTEN_ELSEWHERE), "no path in this test writes these models"


def test_every_homeward_model_is_audited_or_says_why_not():
    from django.apps import apps

    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in capture.HOMEWARD_APPS + ("audit",):
            assert capture.is_audited(model) != (label in capture.NOT_AUDITED), label
    assert HomeType in capture.audited_models()


@time_machine.travel(NOW, tick=False)
def test_a_change_is_in_words_with_who_when_and_where(client, social_worker):
    child = ChildFactory(social_worker=social_worker, first_name="Mia", upn="")
    client.force_login(social_worker)
    answers = child_answers(
        child, first_name="Amelia", date_of_birth_0=1, date_of_birth_1=2, date_of_birth_2=2014
    )
    response = client.post(
        reverse("children:edit", args=[child.pk]), answers, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    row = AuditEvent.objects.get(object_type="children.child", action="update")
    assert row.user == social_worker and row.ip_address == "10.1.2.3"
    assert row.at == NOW and row.path == reverse("children:edit", args=[child.pk])
    assert row.changes["first_name"] == ["Mia", "Amelia"]
    assert row.changes["date_of_birth"][1] == "1 February 2014"


def test_a_new_password_is_recorded_as_changed_but_never_shown(social_worker):
    social_worker.set_password("a-new-long-passphrase")
    social_worker.save()
    row = AuditEvent.objects.filter(object_type="accounts.user", action="update").get()
    assert row.changes == {"password": ["(not shown)", "(not shown)"]}
    assert "passphrase" not in str(row.changes) and "md5" not in str(row.changes)


def test_people_given_a_home_from_either_side_are_in_the_trail(home_manager):
    from tests.factories import HomeFactory

    home = HomeFactory(name="Ash House")
    home.managers.add(home_manager)
    home_manager.managed_homes.remove(home)
    rows = AuditEvent.objects.filter(action="update").order_by("id")
    assert [(r.object_type, r.changes) for r in rows] == [
        ("homes.home", {"managers": [None, str(home_manager)]}),
        ("accounts.user", {"managed_homes": [str(home), None]}),
    ]
