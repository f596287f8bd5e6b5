"""Pictures as readers get them, in Chromium: the right size for the screen, no layout shift, accessible."""

import time

import pytest

from tests.browser.axe import axe_violations
from tests.factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db(transaction=True)
IMAGE_RULES = {
    "image-alt",
    "image-redundant-alt",
    "role-img-alt",
    "svg-img-alt",
    "object-alt",
    "input-image-alt",
}

CLS = """() => new Promise((resolve) => {
  let shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(shift), 300);
})"""


@pytest.fixture
def story(live_server):
    lead = make_image(data=picture_bytes(2400, 1600), alt_text="Cranes over the container quay at dusk")
    figure = make_image(alt_text="A tram at the new stop", credit="Photo: Lund")
    article = make_article(
        headline="Cranes return to the quay",
        lead_image=lead,
        body="<p>" + "The quay reopened on Monday. " * 60 + "</p>"
        f'<figure><img data-image="{figure.pk}"><figcaption>The new stop</figcaption></figure>'
        "<p>" + "Trams run every six minutes. " * 40 + "</p>",
    )
    return {"url": live_server.url + article.get_absolute_url(), "article": article}


def chosen(page, selector):
    return page.locator(selector).evaluate("img => img.decode().then(() => img.currentSrc)")


@pytest.mark.parametrize(("scale", "expected"), [(1, "/w480x"), (3, "/w1280x")])
def test_a_phone_gets_a_small_avif_for_its_screen(browser, story, scale, expected):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=scale)
    page = context.new_page()
    page.goto(story["url"])
    source = chosen(page, ".lead-image img")
    assert expected in source and source.endswith(".avif"), source
    context.close()


def test_a_wide_screen_gets_a_larger_one(browser, story):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(story["url"])
    assert "/w960x" in chosen(page, ".lead-image img")  # the 42rem column, 672 px
    context.close()


def test_the_lead_image_is_sized_eager_and_first_the_rest_lazy(page, story):
    page.goto(story["url"])
    lead = page.locator(".lead-image img")
    assert lead.get_attribute("width") == "1920" and lead.get_attribute("height") == "1280"
    assert lead.get_attribute("fetchpriority") == "high" and lead.get_attribute("loading") is None
    assert lead.get_attribute("alt") == "Cranes over the container quay at dusk"
    body = page.locator(".article__body img")
    assert body.get_attribute("loading") == "lazy" and body.get_attribute("width") == "800"


def test_pictures_that_arrive_late_move_nothing(page, story):
    def slow(route):
        time.sleep(0.6)
        route.continue_()

    page.route("**/media/renditions/**", slow)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(story["url"])
    page.locator(".lead-image img").evaluate("img => img.decode()")
    page.mouse.wheel(0, 3000)  # bring the lazy body picture in
    page.locator(".article__body img").evaluate("img => img.decode()")
    assert page.evaluate(CLS) == 0


def test_axe_finds_no_picture_problems_on_the_article_and_front_pages(page, story, live_server):
    for url in (story["url"], live_server.url + "/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        problems = axe_violations(page)
        assert not [p for p in problems if p.split(": ")[1].split(" ")[0] in IMAGE_RULES], problems


def test_cards_show_a_small_crop(browser, story, live_server):
    make_article(headline="A newer story")  # the pictured story becomes a card, not the lead
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    card = page.locator(".article-card__picture img").first
    card.scroll_into_view_if_needed()
    source = chosen(page, ".article-card__picture img >> nth=0")
    assert "/card320x213-" in source or "/card640x427-" in source, source
    assert card.get_attribute("loading") == "lazy"
    context.close()
