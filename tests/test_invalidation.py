"""Targeted invalidation (issue 13): a change ends exactly the cached pages that show it.

Committed transactions throughout: the page cache purges again after each commit, and HTTP
purgers run only then.
"""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Notice, Summary
from tests.factories import make_article, make_author, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _state(response):
    return response.headers.get("X-Page-Cache")


def _warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
    misses = [url for url in urls if _state(client.get(url)) != "hit"]
    assert not misses, misses


def _newsroom():
    """Public articles in two sections, with authors and tags, and the URLs readers ask for."""
    politics, business = make_section(name="Politics"), make_section(name="Business")
    tag = make_tag(name="Port")
    now = timezone.now()
    articles = [
        make_article(
            headline=f"Story {n}",
            section=politics if n % 2 else business,
            tags=[tag] if n % 3 == 0 else [],
            publish_at=now - timedelta(hours=20 - n),
        )
        for n in range(12)
    ]
    urls = ["/", "/?page=2", "/archive/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/robots.txt"]
    urls += ["/sitemap-articles.xml", "/sitemap-news.xml", "/search/?q=story", "/search/?q=story&page=2"]
    urls += [section.get_absolute_url() for section in (politics, business)]
    urls += [f"/feeds/sections/{section.slug}/rss/" for section in (politics, business)]
    urls += [tag.get_absolute_url(), articles[0].authors.get().get_absolute_url()]
    urls += [f"/archive/{now:%Y}/", f"/archive/{now:%Y}/{now.month}/"]
    urls += [article.get_absolute_url() for article in articles]
    return articles, urls


def test_saving_drafts_reviews_and_scheduled_articles_leaves_every_cached_page(client, settings):
    """The issue's 47 of 47: before, one draft save made every warmed page a miss."""
    settings.ARTICLES_PER_PAGE = 5
    articles, urls = _newsroom()
    editor = make_user(group="Editors")
    scheduled = make_article(
        headline="Embargoed", section=articles[0].section, publish_at=timezone.now() + timedelta(days=2)
    )
    _warm(client, urls)

    draft = make_article(headline="Secret draft", status=Article.Status.DRAFT, section=articles[1].section)
    draft.headline = "Secret draft, second take"
    draft.save()
    draft.authors.add(articles[0].authors.get())
    draft.tags.add(make_tag())
    Summary.objects.create(article=draft, text="Not yet.", approved_at=timezone.now())
    Notice.objects.create(article=draft, text="Nothing public.")
    workflow.submit_for_review(draft, by=editor)
    scheduled.standfirst = "Still embargoed, reworded."
    scheduled.save()
    tomorrow = make_article(status=Article.Status.DRAFT, section=articles[0].section, authors=[])
    workflow.publish(tomorrow, by=editor, at=timezone.now() + timedelta(days=1))

    served = {url: client.get(url) for url in urls}
    assert [url for url, response in served.items() if _state(response) != "hit"] == []
    assert len(served) == len(urls) >= 30
    assert not any("Secret draft" in r.content.decode() for r in served.values())


def test_editing_a_public_article_refreshes_only_the_pages_that_show_it(client):
    now = timezone.now()
    # One section each and no tags: no "More on this" ties them together.
    a, b, c, d, e = (
        make_article(headline=f"Story {n}", publish_at=now - timedelta(hours=9 - n)) for n in range(5)
    )
    elsewhere = make_article(headline="Elsewhere", publish_at=now - timedelta(days=30))
    urls = [x.get_absolute_url() for x in (a, b, c, d, e)] + [e.section.get_absolute_url(), "/"]
    _warm(client, urls)

    c.headline = "Story 2, corrected headline"
    c.save()
    for shows_it in (c, b, d):  # its page, and the pages whose Previous/Next name it
        response = client.get(shows_it.get_absolute_url())
        assert _state(response) == "miss" and "Story 2, corrected headline" in response.content.decode()
    assert "Story 2, corrected headline" in client.get("/").content.decode()
    for unrelated in (a.get_absolute_url(), e.get_absolute_url(), e.section.get_absolute_url()):
        assert _state(client.get(unrelated)) == "hit", unrelated
    assert elsewhere.pk  # a page never asked for is not in the way


def test_publishing_reaches_the_front_page_and_both_neighbours_at_once(client):
    now = timezone.now()
    before = make_article(headline="Earlier story", publish_at=now - timedelta(hours=3))
    after = make_article(headline="Later story", publish_at=now - timedelta(hours=1))
    _warm(client, ["/", before.get_absolute_url(), after.get_absolute_url()])
    assert "Next Article" in client.get(before.get_absolute_url()).content.decode()

    middle = make_article(headline="Middle story", status=Article.Status.DRAFT)
    workflow.publish(middle, by=make_user(group="Editors"), at=now - timedelta(hours=2))

    assert "Middle story" in client.get("/").content.decode()
    earlier = client.get(before.get_absolute_url()).content.decode()
    later = client.get(after.get_absolute_url()).content.decode()
    assert earlier.split("Next Article")[1].count("Middle story") == 1
    assert later.split("Previous Article")[1].split("</p>")[0].count("Middle story") == 1


def _someone_is_rendering(client, url):
    """Hold the page's re-render lock, as a concurrent request rendering it would."""
    from django.core.cache import cache

    from pagecache.middleware import PageCacheMiddleware

    request = client.get(url).wsgi_request
    key = PageCacheMiddleware._key(request, "")
    assert cache.add(f"{key}:lock", 1, timeout=30)


def test_unpublishing_serves_no_reader_the_old_page_even_while_it_renders(client):
    story = make_article(headline="Retracted story")
    neighbour = make_article(headline="Neighbour", publish_at=story.publish_at + timedelta(minutes=5))
    urls = ["/", story.get_absolute_url(), neighbour.get_absolute_url()]
    _warm(client, urls)
    for url in urls:
        _someone_is_rendering(client, url)

    workflow.unpublish(story, by=make_user(group="Editors"))

    assert client.get(story.get_absolute_url()).status_code == 404
    for url in ("/", neighbour.get_absolute_url()):
        response = client.get(url)
        assert _state(response) != "stale" and "Retracted story" not in response.content.decode(), url


def test_a_correction_is_hard_and_an_ordinary_edit_soft(client):
    story = make_article(headline="Bridge closes")
    url = story.get_absolute_url()
    _warm(client, [url])
    _someone_is_rendering(client, url)

    story.standfirst = "Reworded standfirst."
    story.save()
    stale = client.get(url)  # the lock is taken: the previous page, for this reader only
    assert _state(stale) == "stale" and "Reworded standfirst." not in stale.content.decode()
    assert "public" not in stale.headers["Cache-Control"]

    Notice.objects.create(article=story, text="An earlier version gave the wrong date.")
    corrected = client.get(url)
    assert _state(corrected) == "miss" and "gave the wrong date" in corrected.content.decode()


def test_renaming_a_section_author_or_tag_reaches_the_pages_that_name_them(client):
    author, tag = make_author(name="Ivan"), make_tag(name="Harbour")
    story = make_article(headline="Cranes", authors=[author], tags=[tag], section=make_section(name="City"))
    other = make_article(headline="Unrelated", publish_at=story.publish_at - timedelta(days=40))
    _warm(client, [story.get_absolute_url()])
    for thing, name in ((story.section, "Town"), (author, "Ivan Sokolov"), (tag, "Harbour works")):
        thing.name = name
        thing.save()
        assert name in client.get(story.get_absolute_url()).content.decode()
    # A section is in every page's menu; an author or a tag only on the pages that name them.
    _warm(client, [other.get_absolute_url()])
    author.name = "Ivan S."
    author.save()
    tag.name = "Port works"
    tag.save()
    assert _state(client.get(other.get_absolute_url())) == "hit"


class RecordingPurger:
    calls = []

    def __init__(self, name):
        self.name = name

    def purge(self, tags, *, hard):
        self.calls.append((self.name, tags, hard))


class BrokenPurger:
    def purge(self, tags, *, hard):
        raise ConnectionError("Varnish does not answer")


def test_http_purgers_get_the_tags_after_the_commit_and_a_failing_one_breaks_nothing(
    client, settings, caplog
):
    settings.PAGE_CACHE_PURGERS = [
        {"BACKEND": f"{__name__}.BrokenPurger"},
        {"BACKEND": f"{__name__}.RecordingPurger", "OPTIONS": {"name": "varnish"}},
    ]
    RecordingPurger.calls.clear()
    story = make_article(headline="Quay")
    make_article(headline="Draft", status=Article.Status.DRAFT).save()
    assert ("varnish", ["article-" + str(story.pk)], False) not in RecordingPurger.calls
    RecordingPurger.calls.clear()
    with caplog.at_level(logging.WARNING, logger="pagecache.purge"):
        workflow.unpublish(story, by=make_user(group="Editors"))
    assert RecordingPurger.calls == [("varnish", [f"article-{story.pk}", "listing"], True)]
    warnings = [r for r in caplog.records if r.name == "pagecache.purge"]
    assert warnings and all(r.levelno == logging.WARNING and not r.exc_info for r in warnings)
    assert "Varnish does not answer" in warnings[0].getMessage()
    assert Article.objects.get(pk=story.pk).status == Article.Status.UNPUBLISHED
