"""RSS 2.0 and Atom feeds, site-wide and per section, as feedparser reads them."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html

from articles.feeds import FEED_ITEMS
from tests.factories import (
    NON_PUBLIC_STATES,
    make_article,
    make_author,
    make_non_public_articles,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db
SITE_FEEDS = ["/feeds/rss/", "/feeds/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(("url", "version"), [("/feeds/rss/", "rss20"), ("/feeds/atom/", "atom10")])
def test_site_feed_lists_public_articles_newest_first(client, url, version):
    now = timezone.now()
    older = make_article(headline="Older story", publish_at=now - timedelta(days=2))
    newer = make_article(headline="Newer story", publish_at=now - timedelta(hours=1))
    response, feed = parse(client, url)
    assert feed.version == version
    assert response["Content-Type"].startswith(
        "application/rss+xml" if version == "rss20" else "application/atom+xml"
    )
    assert [entry.title for entry in feed.entries] == [newer.headline, older.headline]
    assert feed.entries[0].link == f"http://testserver{newer.get_absolute_url()}"


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_item_carries_standfirst_authors_categories_and_times(client, url):
    published = timezone.now() - timedelta(days=1)
    updated = timezone.now() - timedelta(hours=3)
    section = make_section(name="Business")
    article = make_article(
        headline="Rates held",
        standfirst="The bank kept rates where they were.",
        section=section,
        authors=[make_author(name="Anna Petrova"), make_author(name="John Smith")],
        tags=[make_tag(name="Economy")],
        publish_at=published,
        content_updated_at=updated,
    )
    _, feed = parse(client, url)
    entry = feed.entries[0]
    assert entry.title == article.headline
    assert entry.summary == article.standfirst
    assert entry.author == "Anna Petrova, John Smith"
    assert {tag.term for tag in entry.tags} == {"Business", "Economy"}
    assert entry.published_parsed[:6] == published.utctimetuple()[:6]
    if url.endswith("atom/"):
        assert entry.updated_parsed[:6] == updated.utctimetuple()[:6]
        assert entry.author_detail.href.endswith(article.authors.order_by("name")[0].get_absolute_url())


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_feed_is_limited_to_the_newest_items(client, url):
    section = make_section()
    author = make_author()
    now = timezone.now()
    articles = [
        make_article(section=section, authors=[author], publish_at=now - timedelta(minutes=i))
        for i in range(FEED_ITEMS + 1)
    ]
    _, feed = parse(client, url)
    assert len(feed.entries) == FEED_ITEMS
    assert articles[-1].headline not in {entry.title for entry in feed.entries}


@pytest.mark.parametrize("state", NON_PUBLIC_STATES)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_non_public_articles_are_absent_from_every_feed(client, state, kind):
    section = make_section()
    make_article(headline="Visible story", section=section)
    hidden = make_non_public_articles(section=section)[state]
    for url in [f"/feeds/{kind}/", f"/feeds/sections/{section.slug}/{kind}/"]:
        response, feed = parse(client, url)
        assert [entry.title for entry in feed.entries] == ["Visible story"]
        assert hidden.headline.encode() not in response.content
        assert hidden.slug.encode() not in response.content


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_holds_only_that_section(client, kind):
    culture, business = make_section(name="Culture"), make_section(name="Business")
    make_article(headline="Opera returns", section=culture)
    make_article(headline="Shares fall", section=business)
    _, feed = parse(client, f"/feeds/sections/{culture.slug}/{kind}/")
    assert feed.feed.title.startswith("Culture")
    assert [entry.title for entry in feed.entries] == ["Opera returns"]


@pytest.mark.parametrize(
    "url", ["/feeds/sections/no-such-section/rss/", "/feeds/sections/no-such-section/atom/"]
)
def test_unknown_section_feed_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_markup_and_control_characters_in_a_headline_do_not_break_the_feed(client, url):
    make_article(headline='Tom & "Jerry" <script>alert(1)</script>\x0bpasted', standfirst="A & B < C")
    _, feed = parse(client, url)
    assert feed.entries[0].title == 'Tom & "Jerry" <script>alert(1)</script>pasted'


def alternate_links(response):
    tree = html.fromstring(response.content)
    return {(link.get("type"), link.get("href")) for link in tree.head.findall("link[@rel='alternate']")}


def test_every_page_announces_the_site_feeds(client):
    article = make_article(tags=[make_tag()])
    site = {("application/rss+xml", "/feeds/rss/"), ("application/atom+xml", "/feeds/atom/")}
    urls = [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.authors.get().get_absolute_url(),
        article.tags.get().get_absolute_url(),
        "/archive/",
        "/search/?q=story",
    ]
    for url in urls:
        assert site <= alternate_links(client.get(url)), url
    for _type, href in site:
        assert client.get(href).status_code == 200


def test_section_and_article_pages_announce_the_section_feeds(client):
    article = make_article()
    slug = article.section.slug
    section_feeds = {
        ("application/rss+xml", f"/feeds/sections/{slug}/rss/"),
        ("application/atom+xml", f"/feeds/sections/{slug}/atom/"),
    }
    assert section_feeds <= alternate_links(client.get(article.section.get_absolute_url()))
    assert section_feeds <= alternate_links(client.get(article.get_absolute_url()))
    assert not section_feeds & alternate_links(client.get("/"))
    for _type, href in section_feeds:
        parse(client, href)
