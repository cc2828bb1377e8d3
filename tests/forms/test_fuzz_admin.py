"""The Django admin's own add and change forms, fuzzed as the service's are
(tests/forms/test_fuzz_posts.py): the admin is a write path like any other. Every model the
admin lets an administrator add or change, on the permission table's council: no post answers
with a server error, a refused post changes nothing and says why (the admin's error note), and
nothing sent comes back as markup."""

from urllib.parse import urlsplit

from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import resolve, reverse

from tests.factories import UserFactory
from tests.two_factor import app_device

from .test_fuzz_posts import Fuzzer, Visit, foreign_ids, post_forms


def admin_pages(superuser):
    """(model, add or change page) for each form the admin offers this person."""
    request = RequestFactory().get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if model_admin.has_add_permission(request):
            yield model, reverse(f"{name}_add")
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None and model_admin.has_change_permission(request, first):
            yield model, reverse(f"{name}_change", args=[first.pk])


def test_every_admin_form_survives_fuzzing(client, world):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    app_device(superuser)
    fuzzer = Fuzzer(client, foreign_ids(world), refusal_shows='class="errornote"')
    fuzzed = []
    for _model, url in admin_pages(superuser):
        visit = Visit(superuser, url)
        visit.sign_in(client)
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        # The record's own form; the header's sign-out form is the service's (fuzzed there).
        (form,) = [f for f in post_forms(page, url) if urlsplit(f.action).path == url]
        with transaction.atomic():
            fuzzer.fuzz(visit, form, resolve(url).view_name)
            transaction.set_rollback(True)
        fuzzed.append(url)

    assert fuzzer.server_errors == 0
    assert len({url.split("/")[3] for url in fuzzed}) >= 15  # models with a form, most of them
    print(
        f"\nfuzzed {len(fuzzed)} admin forms with {sum(fuzzer.posts.values())} posts: "
        f"{fuzzer.refused} refused, {fuzzer.server_errors} server errors"
    )
