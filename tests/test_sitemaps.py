"""The sitemap index, its sitemaps, the Google News sitemap and robots.txt, read with lxml."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from lxml import etree

from tests.factories import NON_PUBLIC_STATES, make_article, make_author, make_non_public_articles, make_tag

pytestmark = pytest.mark.django_db
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def path_of(url):
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("http", "testserver"), url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    """Every <url> of every sitemap the index names, by sitemap path."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    sitemaps = {}
    for entry in index.findall("sm:sitemap", NS):
        locs = entry.findall("sm:loc", NS)
        assert len(locs) == 1
        path = path_of(locs[0].text)
        urlset = fetch_xml(client, path)
        assert urlset.tag == f"{{{NS['sm']}}}urlset"
        sitemaps[path] = urlset.findall("sm:url", NS)
    return sitemaps


def locations(urls):
    return {path_of(url.findtext("sm:loc", namespaces=NS)) for url in urls}


def test_every_listed_url_answers_200_and_has_a_valid_lastmod(client):
    tag = make_tag()
    make_article(tags=[tag])
    make_article(tags=[tag], content_updated_at=timezone.now())
    sitemaps = crawl(client)
    assert set(sitemaps) == {
        f"/sitemap-{name}.xml" for name in ["pages", "articles", "sections", "authors", "tags", "news"]
    }
    listed = [url for urls in sitemaps.values() for url in urls]
    assert len(listed) == 1 + 2 + 2 + 2 + 1 + 2
    for url in listed:
        assert len(url.findall("sm:loc", NS)) == 1
        lastmod = url.findtext("sm:lastmod", namespaces=NS)
        if lastmod is not None:
            assert datetime.fromisoformat(lastmod).tzinfo is not None
        location = path_of(url.findtext("sm:loc", namespaces=NS))
        assert client.get(location).status_code == 200, location


def test_sitemaps_cover_articles_sections_authors_and_tags_with_lastmod(client):
    published = timezone.now() - timedelta(days=3)
    updated = timezone.now() - timedelta(hours=5)
    article = make_article(tags=[make_tag()], publish_at=published, content_updated_at=updated)
    sitemaps = crawl(client)
    expected = {
        "/sitemap-articles.xml": article.get_absolute_url(),
        "/sitemap-sections.xml": article.section.get_absolute_url(),
        "/sitemap-authors.xml": article.authors.get().get_absolute_url(),
        "/sitemap-tags.xml": article.tags.get().get_absolute_url(),
    }
    for sitemap, location in expected.items():
        (url,) = sitemaps[sitemap]
        assert path_of(url.findtext("sm:loc", namespaces=NS)) == location
        lastmod = datetime.fromisoformat(url.findtext("sm:lastmod", namespaces=NS))
        expected_lastmod = updated if sitemap == "/sitemap-articles.xml" else published
        assert abs(lastmod - expected_lastmod) < timedelta(seconds=1)


@pytest.mark.parametrize("state", NON_PUBLIC_STATES)
def test_non_public_articles_and_their_only_author_and_tag_are_absent(client, state):
    make_article()
    hidden = make_non_public_articles(authors=[make_author(name="Hidden Author")], tags=[make_tag()])[state]
    sitemaps = crawl(client)
    listed = set().union(*(locations(urls) for urls in sitemaps.values()))
    assert hidden.get_absolute_url() not in listed
    assert hidden.authors.get().get_absolute_url() not in listed
    assert hidden.tags.get().get_absolute_url() not in listed
    for path in ["/sitemap.xml", *sitemaps]:
        assert hidden.slug.encode() not in client.get(path).content


def test_news_sitemap_lists_the_last_two_days(client, settings):
    settings.NEWSROOM_NAME = "The Northport Courier"
    fresh = make_article(
        headline="Тариф на «тепло» & воду", language="ru", publish_at=timezone.now() - timedelta(hours=30)
    )
    stale = make_article(publish_at=timezone.now() - timedelta(days=2, minutes=1))
    make_non_public_articles()
    urlset = fetch_xml(client, "/sitemap-news.xml")
    (url,) = urlset.findall("sm:url", NS)
    assert path_of(url.findtext("sm:loc", namespaces=NS)) == fresh.get_absolute_url()
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Northport Courier"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ru"
    assert news.findtext("news:title", namespaces=NS) == fresh.headline
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert abs(published - fresh.publish_at) < timedelta(seconds=1)
    assert stale.get_absolute_url() not in locations(urlset.findall("sm:url", NS))


@pytest.mark.parametrize(
    "url", ["/sitemap-nope.xml", "/sitemap-articles.xml?p=abc", "/sitemap-articles.xml?p=99"]
)
def test_unknown_sitemaps_and_pages_are_404(client, url):
    make_article()
    assert client.get(url).status_code == 404


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_a_large_sitemap_is_split_into_pages_listed_in_the_index(client, monkeypatch):
    monkeypatch.setattr("articles.sitemaps.ArticleSitemap.limit", 2)
    articles = [make_article() for _ in range(5)]
    sitemaps = crawl(client)
    pages = ["/sitemap-articles.xml", "/sitemap-articles.xml?p=2", "/sitemap-articles.xml?p=3"]
    assert [path for path in sitemaps if path.startswith("/sitemap-articles")] == pages
    listed = set().union(*(locations(sitemaps[path]) for path in pages))
    assert listed == {article.get_absolute_url() for article in articles}
