"""A reader searches from the header, in a real Chromium, under the strict Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import accessibility_tree
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_searches_from_the_header_by_keyboard(page, live_server):
    make_article(headline="Ferry strike ends", standfirst="Ferries run again from Monday.")
    make_article(headline="Market closes higher")
    page.goto(live_server.url + "/")
    page.get_by_label("Search articles").fill("ferries")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search/?q=ferries")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Ferry strike ends")).to_be_visible()
    expect(results.get_by_text("Market closes higher")).to_have_count(0)
    expect(results.locator("mark").first).to_be_visible()


def test_article_page_with_json_ld_raises_no_console_errors(page, live_server):
    article = make_article(headline='A "quoted" </script> headline')
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert errors == []


def test_the_two_search_regions_of_the_search_page_have_distinct_names(page, live_server):
    make_article(headline="Ferry strike ends")
    for query in ("ferry", "zeppelin", ""):
        page.goto(f"{live_server.url}/search/?q={query}")
        names = [name for role, name, _ in accessibility_tree(page) if role == "search"]
        assert sorted(names) == ["Search with filters", "Site search"], (query, names)
    page.get_by_role("search", name="Search with filters").get_by_label("Search for").fill("ferry")
    page.get_by_role("search", name="Search with filters").get_by_role("button", name="Search").click()
    expect(page.locator(".search-results").get_by_role("link", name="Ferry strike ends")).to_be_visible()
