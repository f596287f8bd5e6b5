"""The page on a phone: a compact header, search at hand, and nothing cut off at 320 px (WCAG 1.4.10)."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)
# The demo newsroom's sections: long enough names that they cannot share one line on a phone.
SECTIONS = ["City & Politics", "Business", "Science & Tech", "Culture", "Sport", "Opinion"]


@pytest.fixture
def article(live_server):
    sections = [make_section(name=name) for name in SECTIONS]
    return make_article(
        headline="Northport council approves a 2.4bn-crown tram extension to the Eastern Docks",
        section=sections[0],
        summary="The tram reaches the docks by 2029.",
    )


@pytest.fixture
def phone(browser):
    def open_at(width):
        context = browser.new_context(
            viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        opened.append(context)
        return page

    opened = []
    yield open_at
    for context in opened:
        context.close()


def fully_in_view(page, locator, width):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] > 0


def test_header_takes_at_most_100_px_of_a_390_px_phone(phone, live_server, article):
    page = phone(390)
    for path in ("/", article.get_absolute_url()):
        page.goto(live_server.url + path)
        height = page.locator(".site-header").bounding_box()["height"]
        assert height <= 100, f"{path}: the header is {height} px tall"


@pytest.mark.parametrize("width", [320, 390])
def test_nothing_scrolls_sideways_or_is_cut_off_on_a_narrow_phone(phone, live_server, article, width):
    page = phone(width)
    for path in ("/", article.get_absolute_url(), "/search/?q=tram", article.section.get_absolute_url()):
        page.goto(live_server.url + path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, path
        for control in (
            page.get_by_label("Search articles"),
            page.get_by_role("button", name="Search").first,
        ):
            expect(control).to_be_visible()
            assert fully_in_view(page, control, width), (path, control)


def test_a_reader_searches_and_finds_the_sections_on_a_320_px_phone(phone, live_server, article):
    page = phone(320)
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_label("Search articles").fill("tram")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("link", name=article.headline)).to_be_visible()

    sections = page.get_by_role("navigation", name="Sections")
    expect(sections).to_be_hidden()  # folded away on a phone, one tap from the header
    page.get_by_text("Sections", exact=True).click()
    for name in [*SECTIONS, "Archive"]:
        link = sections.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert fully_in_view(page, link, 320), name
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    sections.get_by_role("link", name="Science & Tech").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Science & Tech")


def test_the_sections_fold_without_javascript_too(browser, live_server, article):
    context = browser.new_context(viewport={"width": 390, "height": 700}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        expect(page.get_by_role("link", name="Culture")).to_be_hidden()
        page.get_by_text("Sections", exact=True).click()
        page.get_by_role("link", name="Culture").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Culture")
    finally:
        context.close()


def test_on_a_desktop_the_sections_are_always_shown(page, live_server, article):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    expect(page.get_by_text("Sections", exact=True)).to_be_hidden()
    for name in [*SECTIONS, "Archive"]:
        expect(
            page.get_by_role("navigation", name="Sections").get_by_role("link", name=name, exact=True)
        ).to_be_visible()
    # In reading order for the keyboard: title, search box, its button, then the first section.
    page.keyboard.press("Tab")  # the skip link
    for _ in range(4):
        page.keyboard.press("Tab")
    expect(page.get_by_role("navigation", name="Sections").get_by_role("link").first).to_be_focused()
