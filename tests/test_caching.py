"""Anonymous pages come from the cache until something on them changes; a cache outage costs nothing.

Committed transactions: the page cache purges again after each commit (pagecache/purge.py).
Targeted invalidation is in test_invalidation.py, the cache's own rules in test_page_cache_rules.py.
"""

import os
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import timezone

from articles.models import Article, Notice, Summary
from tests.factories import PASSWORD, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


# A few views of our own, for the rules that no reader page exercises yet.
def _private_view(request):
    return HttpResponse(f"private {uuid.uuid4()}", headers={"Cache-Control": "private, no-store"})


def _nonce_view(request):
    template = engines["django"].from_string('<script src="/static/x.js" nonce="{{ csp_nonce }}"></script>')
    return HttpResponse(template.render({"csp_nonce": request._csp_nonce}, request))


urlpatterns = [path("private/", _private_view), path("nonce/", _nonce_view)]


def _cached(response):
    return response.headers.get("X-Page-Cache") == "hit"


def test_second_anonymous_request_is_served_from_the_cache_with_cdn_headers(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert not _cached(first) and _cached(second)
    assert second.content == first.content
    cache_control = second.headers["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control and "s-maxage=60" in cache_control


def test_a_shared_cache_that_the_app_purges_keeps_pages_as_long_as_the_app(client, settings):
    """Varnish or a CDN purged by tag: s-maxage is the page's lifetime here; browsers still get 60 s."""
    settings.PAGE_CACHE_PURGERS = [
        {"BACKEND": "pagecache.purgers.VarnishPurger", "OPTIONS": {"urls": ["http://127.0.0.1:9"]}}
    ]
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    for response in (client.get(article.get_absolute_url()), client.get(article.get_absolute_url())):
        directives = dict(
            part.strip().partition("=")[::2] for part in response.headers["Cache-Control"].split(",")
        )
        assert directives["max-age"] == "60"
        assert 590 <= int(directives["s-maxage"]) <= 600


def test_conditional_request_gets_304(client):
    article = make_article()
    etag = client.get(article.get_absolute_url()).headers["ETag"]
    assert client.get(article.get_absolute_url(), headers={"if-none-match": etag}).status_code == 304


def _edit_headline(article):
    article.headline = "Council reverses course"
    article.save()
    return "Council reverses course"


def _approve_summary(article):
    Summary.objects.create(article=article, text="The short version.", approved_at=timezone.now())
    return "No time to read? Get a summary"


def _rename_section(article):
    article.section.name = "Local politics"
    article.section.save()
    return "Local politics"


def _add_author(article):
    article.authors.add(make_author(name="Zoya Petrova"))
    return "Zoya Petrova"


def _rename_author(article):
    author = article.authors.get()
    author.name = "Ivan Sokolov"
    author.save()
    return "Ivan Sokolov"


def _add_correction(article):
    Notice.objects.create(article=article, text="An earlier version misnamed the council.")
    return "misnamed the council"


@pytest.mark.parametrize(
    "change",
    [_edit_headline, _approve_summary, _rename_section, _add_author, _rename_author, _add_correction],
)
def test_any_change_on_the_page_reaches_readers_at_once(client, change):
    article = make_article(headline="Council votes")
    for url in (article.get_absolute_url(), "/"):
        client.get(url)
        assert _cached(client.get(url))
    expected = change(article)
    for url in (article.get_absolute_url(),):
        response = client.get(url)
        assert not _cached(response)
        assert expected in response.content.decode()
    if change in (_edit_headline, _rename_section):
        assert expected in client.get("/").content.decode()


def test_unpublished_article_disappears_from_cached_pages(client):
    article = make_article(headline="Retracted story")
    client.get(article.get_absolute_url())
    client.get("/")
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Retracted story" not in client.get("/").content.decode()


def test_deleted_article_disappears_from_cached_pages(client):
    article = make_article(headline="Deleted story")
    client.get("/")
    article.delete()
    assert "Deleted story" not in client.get("/").content.decode()


def test_a_cached_page_never_hides_a_scheduled_article_past_its_time(client, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False)
    make_article(headline="Already out", publish_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    make_article(headline="Embargoed", publish_at=datetime(2026, 3, 1, 9, 0, 30, tzinfo=UTC))
    first = client.get("/")
    assert "Embargoed" not in first.content.decode()
    # Neither the cache nor a CDN may keep the page past the embargo.
    assert "max-age=30" in first.headers["Cache-Control"]
    assert _cached(client.get("/"))

    time_machine.move_to(datetime(2026, 3, 1, 9, 0, 31, tzinfo=UTC), tick=False)
    response = client.get("/")
    assert not _cached(response)
    assert "Embargoed" in response.content.decode()


def test_logged_in_readers_get_uncached_private_pages(client):
    article = make_article()
    client.get(article.get_absolute_url())
    client.force_login(make_user())
    response = client.get(article.get_absolute_url())
    assert not _cached(response)
    assert response.headers["Cache-Control"] == "private, no-store"


def test_admin_is_never_cached_and_private(client):
    client.get("/admin/login/")
    response = client.get("/admin/login/")
    assert not _cached(response)
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


def test_private_and_no_store_responses_are_not_stored(client, settings):
    settings.ROOT_URLCONF = __name__
    first = client.get("/private/")
    second = client.get("/private/")
    assert not _cached(second) and first.content != second.content
    assert second.headers["Cache-Control"] == "private, no-store"


def test_post_and_errors_are_not_cached(client):
    assert client.post("/").status_code in (200, 405)
    client.get("/articles/no-such-story/")
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404 and not _cached(response)
    assert "public" not in response.headers.get("Cache-Control", "")


def test_a_cached_page_gets_a_fresh_csp_nonce_each_time(client, settings):
    settings.ROOT_URLCONF = __name__
    nonces = []
    for _ in range(2):
        response = client.get("/nonce/")
        page_nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{page_nonce}'" in response.headers["Content-Security-Policy"]
        nonces.append(page_nonce)
    assert _cached(response)
    assert nonces[0] != nonces[1]


def test_pages_render_uncached_when_redis_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    article = make_article(headline="Still readable")
    for url in (article.get_absolute_url(), "/", article.section.get_absolute_url()) * 2:
        response = client.get(url)
        assert response.status_code == 200
        assert not _cached(response)
    assert "Still readable" in client.get("/").content.decode()


@pytest.mark.skipif("REDIS_TEST_URL" not in os.environ, reason="REDIS_TEST_URL is not set")
def test_real_redis_serves_cached_pages_and_drops_them_after_an_edit_and_only_then(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_TEST_URL"],
            "KEY_PREFIX": f"test-{uuid.uuid4()}",  # other test runs may share the server
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    article = make_article(headline="Harbour reopens", section=make_section(name="City"))
    client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())
    assert _cached(cached) and "Harbour reopens" in cached.content.decode()

    draft = make_article(headline="Harbour draft", status=Article.Status.DRAFT, section=article.section)
    draft.save()
    assert _cached(client.get(article.get_absolute_url()))
    article.headline = "Harbour stays shut"
    article.save()
    fresh = client.get(article.get_absolute_url())
    assert not _cached(fresh) and "Harbour stays shut" in fresh.content.decode()
    assert _cached(client.get(article.get_absolute_url()))


def test_the_test_client_can_still_log_in_with_a_password(client):
    make_user("desk", is_superuser=True)
    assert client.login(username="desk", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_next_publish_time_within_the_cache_lifetime_shortens_it(client):
    make_article(publish_at=timezone.now() + timedelta(seconds=5))
    response = client.get("/")
    max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
    assert max_age <= 5


def test_head_requests_are_answered_from_the_cache_without_a_body(client):
    article = make_article()
    full = client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert _cached(head) and head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(full.content))
