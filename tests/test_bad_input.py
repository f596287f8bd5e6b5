"""Anonymous input that once gave a 500: odd page numbers on every public page, a very long login name."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.test_leaks import build_world, discover, urls_for

pytestmark = pytest.mark.django_db

# str.isdigit() accepts all of these; int() accepts none of them.
ODD_PAGE_NUMBERS = ["²", "³", "¹", "①", "٣", "9" * 5000, "-1", "0", "1.5", ""]


def test_odd_page_numbers_never_give_a_500_on_any_public_page(client):
    world = build_world("draft-past")
    problems = []
    for surface in discover():
        for url, _values in urls_for(surface, world):
            for number in ODD_PAGE_NUMBERS:
                response = client.get(url, {"page": number})
                if response.status_code >= 500:
                    problems.append(f"{url}?page={number[:10]}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_superscript_page_number_shows_the_first_page_with_a_clean_canonical_link(client):
    build_world("draft-past")
    response = client.get("/", {"page": "²"})
    assert response.status_code == 200
    assert '<link rel="canonical" href="http://testserver/">' in response.content.decode()


@pytest.mark.django_db(transaction=True)  # committed, as in production: a failed INSERT is not hidden
def test_a_login_name_longer_than_any_account_gets_a_form_error(client):
    make_user("editor-on-duty", group="Editors")
    for length in (151, 256, 5000):
        response = client.post(
            reverse("admin:login"), {"username": "x" * length, "password": PASSWORD, "next": "/admin/"}
        )
        assert response.status_code == 200, length
        assert "Ensure this value has at most 150 characters" in response.content.decode()
    # The form still logs people in.
    response = client.post(
        reverse("admin:login"), {"username": "editor-on-duty", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302


def test_axes_records_a_long_name_cut_to_what_its_table_holds(rf):
    from newsroom.auth import axes_username

    request = rf.post("/admin/login/", {"username": "y" * 300})
    assert axes_username(request, None) == "y" * 255
    assert axes_username(request, {"username": "z" * 400}) == "z" * 255
    assert axes_username(request, {"username": None}) is None
