"""Two people change the same child's details at once: the second save is refused, never a
silent overwrite, and shows both versions so the person can save again knowingly."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from children.models import Child
from tests.factories import ChildFactory, UserFactory

from .helpers import signed_in_as, url

pytestmark = pytest.mark.django_db(transaction=True)


def test_second_save_is_refused_with_both_versions_and_can_be_made_again(
    live_server, browser, page
):
    social_worker = UserFactory(role=Role.SOCIAL_WORKER)
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    child = ChildFactory(social_worker=social_worker, first_name="Mia", last_name="Khan", upn="")
    edit_url = url(live_server, "children:edit", child.pk)

    signed_in_as(page.context, live_server, social_worker)
    other_context = signed_in_as(browser.new_context(), live_server, administrator)
    other = other_context.new_page()
    page.goto(edit_url)
    other.goto(edit_url)  # both forms are open on version 1

    page.get_by_label("Last name").fill("Saved-First")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mia Saved-First")

    other.get_by_label("Last name").fill("Typed-Second")
    other.get_by_role("button", name="Save changes").click()

    summary = other.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else saved this record")
    expect(summary).to_contain_text("Your changes have not been saved")
    versions = other.get_by_role("table", name="Your changes and the record as saved now")
    expect(versions.get_by_role("row", name="Last name")).to_contain_text("Typed-Second")
    expect(versions.get_by_role("row", name="Last name")).to_contain_text("Saved-First")
    expect(other.get_by_role("link", name="Back to Mia Saved-First")).to_be_visible()
    saved = Child.objects.get(pk=child.pk)
    assert (saved.last_name, saved.version) == ("Saved-First", 2)  # nothing overwritten

    # The form is offered again with what they typed, now on the saved version: saving works.
    expect(other.get_by_label("Last name")).to_have_value("Typed-Second")
    other.get_by_role("button", name="Save changes").click()
    expect(other.get_by_role("heading", level=1)).to_contain_text("Mia Typed-Second")
    saved.refresh_from_db()
    assert (saved.last_name, saved.version) == ("Typed-Second", 3)
    other_context.close()
