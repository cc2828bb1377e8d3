import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_links(client):
    page = client.get(reverse("accounts:my_work")).content.decode()
    menu = page[page.index('id="navigation"') : page.index("</ul>", page.index('id="navigation"'))]
    return set(re.findall(r'href="([^"]+)"', menu))


def test_each_role_gets_only_the_sections_it_can_open(
    client, social_worker, board_member, administrator
):
    client.force_login(social_worker)
    mine = nav_links(client)
    assert {reverse("accounts:my_work"), reverse("children:search")} <= mine
    assert reverse("audit:search") not in mine

    client.force_login(administrator)
    assert reverse("audit:search") in nav_links(client)

    client.force_login(board_member)
    board = nav_links(client)
    assert reverse("children:search") not in board and reverse("audit:search") not in board


@pytest.mark.parametrize(
    "role_fixture", ["social_worker", "home_manager", "visitor", "board_member", "administrator"]
)
def test_every_menu_link_opens_for_that_role(request, client, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    for href in nav_links(client):
        assert client.get(href).status_code == 200, href
