"""Screen readers switch voice by `lang` (WCAG 3.1.2): Russian text says so, the site's words do not."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db(transaction=True)
RUSSIAN = "Порт открыл новый терминал"


def language_of(locator):
    """The language Chromium gives an element: its own lang, else the nearest ancestor's."""
    return locator.evaluate("el => el.closest('[lang]').getAttribute('lang')")


@pytest.fixture
def newsroom(live_server):
    now = timezone.now()
    section, port = make_section(name="Business"), make_tag(name="Port")
    make_article(headline="Port history", section=section, tags=[port], publish_at=now - timedelta(hours=4))
    english = make_article(
        headline="Harbour fees to rise", section=section, tags=[port], publish_at=now - timedelta(hours=3)
    )
    russian = make_article(
        headline=RUSSIAN,
        standfirst="Терминал примет первые суда в мае.",
        summary="Терминал открыт; суда придут в мае.",
        language="ru",
        section=section,
        tags=[port],
        publish_at=now - timedelta(hours=2),
    )
    newest = make_article(
        headline="Cargo record at the port", section=section, tags=[port], publish_at=now - timedelta(hours=1)
    )
    return {"english": english, "russian": russian, "newest": newest, "section": section, "tag": port}


def test_a_russian_headline_on_english_pages_is_marked_russian(page, live_server, newsroom):
    listings = ["/", newsroom["section"].get_absolute_url(), newsroom["tag"].get_absolute_url()]
    for path in [*listings, "/search/?q=терминал"]:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert language_of(page.get_by_role("link", name=RUSSIAN, exact=True)) == "ru", path
        if path in listings:
            assert language_of(page.get_by_text("Терминал примет первые суда в мае.")) == "ru", path
            assert language_of(page.get_by_role("link", name="Harbour fees to rise")) == "en", path
            assert language_of(page.get_by_role("link", name="Business").first) == "en", path  # kicker
    # Previous/Next on the neighbours' pages, and "More on this".
    for neighbour in ("english", "newest"):
        page.goto(live_server.url + newsroom[neighbour].get_absolute_url())
        links = page.get_by_role("link", name=RUSSIAN, exact=True)
        expect(links).to_have_count(1)  # its neighbour, so Previous/Next, never again in More on this
        assert language_of(links) == "ru", neighbour
        more = page.get_by_role("region", name="More on this")
        assert language_of(more.get_by_role("link").first) == "en"


def test_a_russian_article_keeps_the_site_labels_english(page, live_server, newsroom):
    page.goto(live_server.url + newsroom["russian"].get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    article = page.locator("article.article")
    expect(article).to_have_attribute("lang", "ru")
    assert language_of(page.get_by_role("heading", level=1)) == "ru"
    assert language_of(article.get_by_text("Терминал примет первые суда в мае.")) == "ru"
    assert language_of(article.locator(".article__body")) == "ru"
    for toggle in article.locator("details.summary-toggle").all():
        assert language_of(toggle.locator("summary")) == "en"
        assert language_of(toggle.locator(".summary-toggle__text")) == "ru"
    assert language_of(article.locator(".byline")) == "en"  # "By"
    assert language_of(article.get_by_text("Published")) == "en"
    assert language_of(article.get_by_role("link", name="Business")) == "en"  # the section's name
    assert language_of(article.get_by_role("link", name="Port", exact=True)) == "en"  # a tag's name
    for label in ("Previous Article", "Next Article", "More on this"):
        assert language_of(page.get_by_text(label, exact=True)) == "en", label
