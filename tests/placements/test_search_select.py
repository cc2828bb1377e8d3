"""The placement and move forms choose the child, home, unit and carer household by searching
(core.search_select): as you type through placements:choices (htmx), or without JavaScript with
the search buttons, which post the form back to show the results and save nothing. Either way
only the records the person may choose are found."""

from html import unescape

import pytest
from django.urls import reverse

from accounts.models import Role
from core.search_select import LIMIT
from placements.models import Placement
from tests.factories import (
    CarerHouseholdFactory,
    ChildFactory,
    HomeFactory,
    PlacementFactory,
    UserFactory,
)

from .conftest import days

pytestmark = pytest.mark.django_db
URL = reverse("placements:new")


def _choices(client, field, **query):
    return client.get(reverse("placements:choices", args=[field]), query)


def _radios(page, name):
    return page.count(f'name="{name}" type="radio" value="') - page.count(
        f'name="{name}" type="radio" value=""'
    )


def test_social_worker_finds_only_children_on_their_caseload(client, social_worker):
    mine = ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")
    ChildFactory(first_name="Ada", last_name="Byron")
    client.force_login(social_worker)
    page = _choices(client, "child", child_q="ada").content.decode()
    assert str(mine) in page
    assert "Byron" not in page
    assert "1 matching “ada”" in page


def test_a_child_is_found_however_the_apostrophe_in_their_name_is_typed(client, social_worker):
    siobhan = ChildFactory(social_worker=social_worker, first_name="Siobhan", last_name="O'Brien")
    client.force_login(social_worker)
    for typed in ("O’Brien", "obrien", "siobhan o'b"):
        page = unescape(_choices(client, "child", child_q=typed).content.decode())
        assert str(siobhan) in page and "1 matching" in page, typed


@pytest.mark.parametrize("typed", ["ada love", "LOVELACE", "lc777001", "  ada  "])
def test_every_word_typed_must_match_a_name_or_the_local_identifier(client, administrator, typed):
    ChildFactory(first_name="Ada", last_name="Lovelace", local_id="LC777001")
    ChildFactory(first_name="Grace", last_name="Hopper")
    client.force_login(administrator)
    page = _choices(client, "child", child_q=typed).content.decode()
    assert _radios(page, "child") == 1 and "Ada Lovelace" in page


def test_what_was_typed_is_shown_as_text_not_markup(client, administrator):
    ChildFactory(first_name="Ada", last_name="O'Neil <b>")
    client.force_login(administrator)
    typed = "<script>alert(1)</script>"

    results = _choices(client, "child", child_q=typed).content.decode()
    found = _choices(client, "child", child_q="o'neil").content.decode()
    form = client.post(URL, {"search_for": "child", "child_q": typed}).content.decode()

    assert "<script>alert(1)</script>" not in results + form
    assert "Nothing matches “&lt;script&gt;alert(1)&lt;/script&gt;”" in results
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in form
    assert "Ada O&#39;Neil &lt;b&gt;" in found and "<b>" not in found


def test_many_matches_show_the_first_ones_and_ask_for_more_letters(client, administrator):
    for n in range(LIMIT + 2):
        ChildFactory(first_name="Sam", last_name=f"Smith{n:02}")
    client.force_login(administrator)
    page = _choices(client, "child", child_q="smith").content.decode()
    assert _radios(page, "child") == LIMIT
    assert "type more of the name" in page


def test_nothing_found_says_what_to_do(client, administrator):
    client.force_login(administrator)
    page = _choices(client, "child", child_q="zzz").content.decode()
    assert "Nothing matches “zzz”" in page and _radios(page, "child") == 0


def test_manager_finds_only_their_homes_and_no_households(client, home_manager):
    theirs = HomeFactory(name="Oak House")
    theirs.managers.add(home_manager)
    HomeFactory(name="Oak Lodge")
    CarerHouseholdFactory(name="The Oaks")
    client.force_login(home_manager)
    homes = _choices(client, "home", home_q="oak").content.decode()
    assert "Oak House" in homes and "Oak Lodge" not in homes
    assert _radios(_choices(client, "carer", carer_q="oak").content.decode(), "carer") == 0


def test_units_are_found_by_the_home_or_unit_name(client, administrator):
    home = HomeFactory(name="Elm House")
    home.units.create(name="Trainer flat")
    HomeFactory(name="Ash House").units.create(name="Bed 1")
    client.force_login(administrator)
    page = _choices(client, "unit", unit_q="elm").content.decode()
    assert "Elm House – Trainer flat" in page and "Ash House" not in page


def test_the_chosen_record_stays_listed_and_checked_while_searching_again(client, administrator):
    chosen = HomeFactory(name="Oak House")
    HomeFactory(name="Elm House")
    client.force_login(administrator)
    page = _choices(client, "home", home=chosen.pk, home_q="elm").content.decode()
    assert f'value="{chosen.pk}" checked' in page and "Elm House" in page
    assert _radios(page, "home") == 2


def test_only_the_form_search_fields_have_choices(client, administrator):
    client.force_login(administrator)
    assert _choices(client, "legal_status").status_code == 404
    assert _choices(client, "nothing").status_code == 404


def test_search_button_without_javascript_shows_results_keeps_answers_saves_nothing(
    client, social_worker, day
):
    ChildFactory(social_worker=social_worker, first_name="Ada", last_name="Lovelace")
    client.force_login(social_worker)
    response = client.post(
        URL,
        {"search_for": "child", "child_q": "lovelace", "purpose": "Somewhere safe", "home": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ada Lovelace" in page and _radios(page, "child") == 1
    assert "Somewhere safe" in page
    assert "govuk-error-summary" not in page and "This field is required" not in page
    assert not Placement.objects.exists()


def test_a_chosen_child_is_still_chosen_when_the_form_comes_back_with_errors(
    client, social_worker, day
):
    child = ChildFactory(social_worker=social_worker)
    client.force_login(social_worker)
    page = client.post(URL, {"child": child.pk, "start_date": day.isoformat()}).content.decode()
    assert "govuk-error-summary" in page
    assert f'name="child" type="radio" value="{child.pk}" checked' in page


def test_move_form_searches_homes_with_the_same_widget(client, social_worker, day):
    placement = PlacementFactory(
        child=ChildFactory(social_worker=social_worker), start_date=day - days(30)
    )
    HomeFactory(name="Birch House")
    client.force_login(social_worker)
    page = client.post(
        reverse("placements:move", args=[placement.pk]),
        {"search_for": "home", "home_q": "birch"},
    ).content.decode()
    assert "Birch House" in page and 'hx-get="/placements/choices/home/"' in page
    assert "govuk-error-summary" not in page
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("size", [3, 30])
def test_searching_runs_a_fixed_number_of_queries(
    client, administrator, size, django_assert_max_num_queries
):
    for n in range(size):
        ChildFactory(first_name="Sam", last_name=f"Smith{n:02}")
        HomeFactory(name=f"Smith House {n}").units.create(name="Flat")
        CarerHouseholdFactory(name=f"The Smiths {n}")
    chosen = ChildFactory(first_name="Sam", last_name="Jones")
    client.force_login(administrator)
    client.get("/")
    with django_assert_max_num_queries(8):
        assert _choices(client, "child", child=chosen.pk, child_q="sam").status_code == 200
    answers = {"search_for": "child", "child": chosen.pk}
    for field in ("child", "home", "unit", "carer"):
        answers[f"{field}_q"] = "smith"
    with django_assert_max_num_queries(16):
        assert client.post(URL, answers).status_code == 200


def test_people_who_place_no_children_cannot_search(client):
    client.force_login(UserFactory(role=Role.INDEPENDENT_VISITOR))
    assert _choices(client, "child", child_q="a").status_code == 403


def test_a_nul_typed_in_the_search_box_is_ignored_not_a_server_error(client, administrator):
    ChildFactory(first_name="Ada", last_name="Lovelace")
    client.force_login(administrator)
    page = _choices(client, "child", child_q="ada\x00").content.decode()
    assert _radios(page, "child") == 1 and "Ada Lovelace" in page
