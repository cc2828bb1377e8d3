"""Drop-downs render through templates/jinja2/django/forms/widgets/select.html, which writes each
option itself instead of including Django's option template: the same HTML, so every choice is
offered once, and the one chosen is still chosen when the form comes back with errors."""

import re

from django.urls import reverse

from core import codes


def test_a_drop_down_offers_every_choice_and_keeps_the_one_chosen(client, social_worker):
    client.force_login(social_worker)

    page = client.post(
        reverse("placements:new"),
        {"legal_status": "C2", "start_date_0": "31", "start_date_1": "2", "start_date_2": "2026"},
    ).content.decode()

    assert "govuk-error-summary" in page
    select = re.search(r'<select name="legal_status"[^>]*>(.*?)</select>', page, re.S).group(1)
    offered = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    assert [value for value, _, _ in offered] == [""] + [
        code for code, _ in codes.LegalStatus.choices
    ]
    assert [value for value, chosen, _ in offered if chosen] == ["C2"]
    assert ("C2", " selected", "Full care order (C2)") in offered
