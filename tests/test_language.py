"""Language markup on a bilingual site (WCAG 3.1.2): the page is in the site's language; every
headline, standfirst, summary and body says its own, wherever it is shown; the site's words inside a
Russian article are not marked Russian. tests/browser/test_language.py checks the same in Chromium."""

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone
from lxml import etree, html

from articles.templatetags.language import text_language
from tests.factories import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db
RUSSIAN = "Порт открыл новый терминал"


def lang_of(element):
    """The language an element is in: its own lang attribute, else its nearest ancestor's."""
    while element is not None:
        if element.get("lang") is not None:
            return element.get("lang")
        element = element.getparent()
    return None


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


def only(elements):
    (element,) = elements
    return element


@pytest.fixture
def newsroom():
    now = timezone.now()
    section = make_section(name="Business")
    port, council = make_tag(name="Port"), make_tag(name="Городской совет")
    author = make_author(name="Анна Петрова", bio="Анна пишет о порте и городском совете Нортпорта (NPA).")
    english = make_article(
        headline="Harbour fees to rise", section=section, tags=[port], publish_at=now - timedelta(hours=3)
    )
    russian = make_article(
        headline=RUSSIAN,
        standfirst="Терминал примет первые суда в мае.",
        body="<p>Новый терминал обошёлся дешевле.</p>",
        summary="Терминал открыт; суда придут в мае.",
        language="ru",
        section=section,
        tags=[port, council],
        authors=[author],
        publish_at=now - timedelta(hours=2),
    )
    newer = make_article(
        headline="Cargo record at the port", section=section, tags=[port], publish_at=now - timedelta(hours=1)
    )
    return {"english": english, "russian": russian, "newer": newer, "section": section, "tag": port}


def test_every_page_is_in_the_sites_language(client, newsroom, settings):
    russian = newsroom["russian"]
    month = timezone.localtime(russian.publish_at)
    urls = [
        "/",
        russian.get_absolute_url(),
        newsroom["english"].get_absolute_url(),
        newsroom["section"].get_absolute_url(),
        newsroom["tag"].get_absolute_url(),
        russian.authors.get().get_absolute_url(),
        "/archive/",
        f"/archive/{month.year}/{month.month}/",
        "/search/?q=terminal",
    ]
    for url in urls:
        assert page(client, url).get("lang") == "en", url
    assert html.fromstring(client.get("/no-such-page/").content).get("lang") == "en"

    settings.LANGUAGE_CODE = (
        "ru"  # a Russian newsroom: its pages say so, an English article says it is English
    )
    cache.clear()  # a newsroom changing its language restarts its servers with an empty page cache
    tree = page(client, newsroom["english"].get_absolute_url())
    assert tree.get("lang") == "ru"
    assert only(tree.xpath("//article[@class='article']")).get("lang") == "en"


def test_a_russian_article_marks_its_text_russian_and_the_sites_words_english(client, newsroom):
    tree = page(client, newsroom["russian"].get_absolute_url())
    article = only(tree.xpath("//article[@class='article']"))
    assert article.get("lang") == "ru"
    assert lang_of(only(article.xpath(".//h1"))) == "ru"
    assert lang_of(only(article.xpath(".//p[@class='standfirst']"))) == "ru"
    assert lang_of(only(article.xpath(".//div[@class='article__body']"))) == "ru"
    for toggle in article.xpath(".//details"):
        assert lang_of(only(toggle.xpath("./summary"))) == "en"
        assert lang_of(only(toggle.xpath(".//div[@class='summary-toggle__text']"))) == "ru"
    assert len(article.xpath(".//details")) == 2
    byline, meta = only(article.xpath(".//p[@class='byline']")), only(article.xpath(".//p[@class='meta']"))
    assert lang_of(byline) == lang_of(meta) == "en"  # "By", "Published", the date, "min read"
    assert lang_of(only(byline.xpath(".//a"))) == "ru"  # the author's name, in Cyrillic
    assert lang_of(only(article.xpath(".//p[@class='kicker']"))) == "en"  # "Business"
    tags = {link.text: lang_of(link) for link in article.xpath(".//a[@rel='tag']")}
    assert tags == {"Port": "en", "Городской совет": "ru"}
    assert lang_of(only(tree.xpath("//p[contains(., 'Previous Article')]/span"))) == "en"


def test_russian_headlines_on_english_pages_are_marked_russian(client, newsroom):
    for url in (
        "/",
        newsroom["section"].get_absolute_url(),
        newsroom["tag"].get_absolute_url(),
        "/search/?q=терминал",
    ):
        tree = page(client, url)
        headline = only(tree.xpath(f"//a[normalize-space()='{RUSSIAN}']"))
        assert lang_of(headline) == "ru", url
        card = headline.xpath("ancestor::article")[0]
        for site_words in card.xpath(".//p[@class='kicker' or @class='meta']"):
            assert lang_of(site_words) == "en", url
        if "search" not in url:
            assert lang_of(only(card.xpath(".//p[@class='standfirst']"))) == "ru", url
            english = only(tree.xpath("//a[normalize-space()='Harbour fees to rise']"))
            assert lang_of(english) == "en", url

    for neighbour in ("english", "newer"):  # its Previous/Next
        tree = page(client, newsroom[neighbour].get_absolute_url())
        assert lang_of(only(tree.xpath(f"//nav//a[normalize-space()='{RUSSIAN}']"))) == "ru", neighbour


def test_more_on_this_marks_each_headline(client, newsroom):
    make_article(
        headline="Oldest port story", tags=[newsroom["tag"]], publish_at=timezone.now() - timedelta(days=2)
    )
    tree = page(client, newsroom["newer"].get_absolute_url())  # previous: the Russian story
    related = only(tree.xpath("//section[@aria-labelledby='related-heading']"))
    assert {link.text: lang_of(link) for link in related.xpath(".//a")} == {
        "Harbour fees to rise": "en",
        "Oldest port story": "en",
    }
    tree = page(client, newsroom["english"].get_absolute_url() + "?x")
    related = tree.xpath("//section[@aria-labelledby='related-heading']//a")
    assert [lang_of(link) for link in related] == ["en"]  # the Russian story is its Next, not here


def test_author_and_search_pages_mark_russian_words(client, newsroom):
    tree = page(client, newsroom["russian"].authors.get().get_absolute_url())
    assert lang_of(only(tree.xpath("//h1"))) == "ru"
    assert lang_of(only(tree.xpath("//header[@class='page-header']/p"))) == "ru"  # the bio
    tree = page(client, "/search/?q=терминал")
    assert lang_of(only(tree.xpath("//p[@role='status']/span"))) == "ru"  # the reader's own query
    assert lang_of(only(tree.xpath("//p[@role='status']"))) == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Городской совет", "ru"),
        ("Health", "en"),
        ("", "en"),
        ("Нортпорт (NPA) и порт", "ru"),
        ("Northport", "en"),
    ],
)
def test_names_without_a_language_are_marked_by_their_letters(text, language):
    assert text_language(text) == language


def test_atom_entries_say_their_language(client, newsroom):
    response = client.get("/feeds/atom/")
    root = etree.fromstring(response.content)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(xml_lang) == "en"
    entries = {
        entry.findtext("{http://www.w3.org/2005/Atom}title"): entry.get(xml_lang)
        for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
    }
    assert entries == {RUSSIAN: "ru", "Harbour fees to rise": "en", "Cargo record at the port": "en"}
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert {entry.title: entry.title_detail.language for entry in feed.entries}[RUSSIAN] == "ru"


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/sections/{slug}/rss/"])
def test_rss_items_say_their_language_in_dublin_core(client, newsroom, url):
    response = client.get(url.format(slug=newsroom["section"].slug))
    root = etree.fromstring(response.content)
    assert root.findtext("channel/language") == "en"
    items = {
        item.findtext("title"): item.findtext("{http://purl.org/dc/elements/1.1/}language")
        for item in root.iter("item")
    }
    assert items == {RUSSIAN: "ru", "Harbour fees to rise": "en", "Cargo record at the port": "en"}
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert {entry.title: entry.get("language") for entry in feed.entries}[RUSSIAN] == "ru"
