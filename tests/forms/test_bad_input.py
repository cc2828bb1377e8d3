"""Garbage in the searches: unknown ids, impossible dates and huge numbers are explained in the
GOV.UK error summary, never a 500. (Posted forms: tests/forms/test_fuzz_posts.py.)"""

import pytest
from django.urls import reverse

from accounts.models import Role


@pytest.mark.parametrize(
    ("role", "name", "query"),
    [
        (Role.ADMINISTRATOR, "audit:search", {"user": "999999999", "date_from": "31/2/2026"}),
        (Role.ADMINISTRATOR, "audit:search", {"date_from": "1/1/99999", "action": "explode"}),
        (Role.SOCIAL_WORKER, "homes:vacancies", {"start_0": "31", "start_1": "2", "age": "9" * 40}),
        (Role.BOARD_MEMBER, "reporting:dashboard", {"period": "9999-99"}),
    ],
)
def test_garbage_in_a_search_is_explained_in_the_error_summary(client, world, role, name, query):
    client.force_login(world.users[role])
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
