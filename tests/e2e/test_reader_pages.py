"""The article page readers get from the production stack (nginx, DEBUG off, hashed static files)."""

from datetime import timedelta

import lxml.html
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.factories import make_article, make_section, make_tag

TOGGLE = "No time to read? Get a summary"
GIST = "Терминал открыт; суда придут в мае."


def make_story():
    now = timezone.now()
    sections = [
        make_section(name=name) for name in ("City & Politics", "Business", "Science & Tech", "Culture")
    ]
    port = make_tag(name="Port")
    make_article(
        headline="Port history", section=sections[1], tags=[port], publish_at=now - timedelta(hours=5)
    )
    make_article(headline="Harbour fees to rise", section=sections[1], publish_at=now - timedelta(hours=4))
    story = make_article(
        headline="Порт открыл новый терминал",
        standfirst="Терминал примет первые суда в мае.",
        body="<p>" + "Новый терминал обошёлся городу дешевле, чем ожидалось. " * 60 + "</p>",
        summary=GIST,
        language="ru",
        section=sections[1],
        tags=[port],
        publish_at=now - timedelta(hours=3),
    )
    make_article(
        headline="Cargo record at the port", section=sections[1], publish_at=now - timedelta(hours=2)
    )
    return story


def test_the_article_page_through_nginx_has_both_toggles_languages_and_more_on_this(stack):
    story = make_story()
    first = stack.get(story.get_absolute_url())
    assert first.status == 200 and first.headers["Server"] == "nginx"
    # Later readers get the same page, "More on this" and all, from the page cache. (Polled: on a
    # loaded machine a Redis call can pass its 0.25 s timeout, and the page then renders afresh.)
    again = stack.wait_for(
        lambda: (r := stack.get(story.get_absolute_url())).headers["X-Page-Cache"] == "hit" and r,
        seconds=10,
        message="a page cache hit",
    )
    assert again.body == first.body
    tree = lxml.html.fromstring(first.body)
    assert tree.get("lang") == "en"
    (article,) = tree.xpath("//article[@class='article']")
    assert article.get("lang") == "ru"
    assert [s.text for s in article.xpath(".//details/summary")] == [TOGGLE, TOGGLE]
    (related,) = tree.xpath("//section[@aria-labelledby='related-heading']")
    assert [a.text for a in related.xpath(".//a")] == ["Port history"]
    stylesheet = tree.xpath("//link[@rel='stylesheet']/@href")[0]
    assert stylesheet != "/static/css/site.css"  # the hashed file, as readers get it


def test_a_reader_on_a_phone_gets_a_compact_header_and_both_toggles(stack, browser):
    story = make_story()
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(stack.url + story.get_absolute_url())
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
        for control in (page.get_by_label("Search articles"), page.get_by_role("button", name="Search")):
            box = control.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.locator(".site-header").bounding_box()["height"] <= 100
        toggles = page.locator("details.summary-toggle")
        for toggle in toggles.all():
            toggle.get_by_text(TOGGLE, exact=True).tap()
            expect(toggle.get_by_text(GIST)).to_be_visible()
        toggles.nth(0).get_by_text(TOGGLE, exact=True).tap()
        expect(toggles.nth(0).get_by_text(GIST)).to_be_hidden()
        expect(toggles.nth(1).get_by_text(GIST)).to_be_visible()
    finally:
        context.close()


def test_the_toggle_works_without_javascript_from_the_stack(stack, no_js_page):
    story = make_story()
    no_js_page.goto(stack.url + story.get_absolute_url())
    toggle = no_js_page.locator("details.summary-toggle").last
    toggle.get_by_text(TOGGLE, exact=True).click()
    expect(toggle.get_by_text(GIST)).to_be_visible()


def test_axe_finds_nothing_on_the_stacks_pages(stack, browser):
    story = make_story()
    paths = ["/", story.get_absolute_url(), "/search/?q=терминал", "/no-such-page/"]
    problems = {}
    for viewport, scheme in (
        ({"width": 390, "height": 844}, "dark"),
        ({"width": 1280, "height": 900}, "light"),
    ):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        try:
            page = context.new_page()
            for path in paths:
                page.goto(stack.url + path)
                if found := axe_violations(page):
                    problems[(viewport["width"], scheme, path)] = found
        finally:
            context.close()
    assert not problems, problems
