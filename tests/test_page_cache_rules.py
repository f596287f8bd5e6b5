"""The page cache's own rules (issue 13): stale-while-revalidate, query strings, tag headers, schedules."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

from articles import workflow
from pagecache.middleware import PageCacheMiddleware
from pagecache.purge import purge
from pagecache.querystring import query_params
from pagecache.tags import add_tags
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

renders = []
slow = threading.Event()


@query_params()
def _tagged_view(request):
    """A page showing "thing", counting its renders; slow while the test says so."""
    renders.append(time.monotonic())
    add_tags(request, "thing")
    if slow.is_set():
        time.sleep(2)
    return HttpResponse(f"render {len(renders)}")


urlpatterns = [path("thing/", _tagged_view)]


def _state(response):
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def thing(settings):
    settings.ROOT_URLCONF = __name__
    renders.clear()
    slow.clear()
    yield
    slow.clear()


def _concurrently(client_class, n):
    """n readers asking for /thing/ at once, each with its own client; their responses."""
    responses = [None] * n

    def read(i):
        responses[i] = client_class().get("/thing/")

    threads = [threading.Thread(target=read, args=[i]) for i in range(n)]
    started = len(renders)
    threads[0].start()
    # The first reader takes the lock and renders (slowly); the others come while it does.
    deadline = time.monotonic() + 10
    while len(renders) == started and time.monotonic() < deadline:
        time.sleep(0.01)
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(10)
    return responses


def test_after_a_soft_purge_one_reader_renders_while_the_others_get_the_previous_page(client, thing):
    # A tag's history starts with a purge (publishing does that); the first purge of a tag the cache
    # never saw purged counts as hard (pagecache/versions.py).
    purge(["thing"])
    client.get("/thing/")
    assert _state(client.get("/thing/")) == "hit"
    purge(["thing"])
    slow.set()
    responses = _concurrently(type(client), 5)
    assert len(renders) == 2  # the first render, and exactly one after the purge
    assert [_state(r) for r in responses] == ["miss"] + ["stale"] * 4
    assert {r.content for r in responses[1:]} == {b"render 1"} and responses[0].content == b"render 2"
    slow.clear()
    assert client.get("/thing/").content == b"render 2"


def _three_readers_after_a_hard_purge(client):
    client.get("/thing/")
    purge(["thing"], hard=True)
    slow.set()
    return _concurrently(type(client), 3)


def test_after_a_hard_purge_nobody_gets_the_previous_page_and_one_reader_renders_it(client, thing, settings):
    settings.PAGE_RENDER_WAIT_SECONDS = 5
    responses = _three_readers_after_a_hard_purge(client)
    # The others waited for the one render (2 s) rather than render the page three times at once.
    assert len(renders) == 2
    assert [_state(r) for r in responses] == ["miss", "hit", "hit"]
    assert {r.content for r in responses} == {b"render 2"}


def test_without_waiting_every_reader_of_a_purged_page_renders_it(client, thing, settings):
    settings.PAGE_RENDER_WAIT_SECONDS = 0
    responses = _three_readers_after_a_hard_purge(client)
    assert [_state(r) for r in responses] == ["miss"] * 3
    assert b"render 1" not in {r.content for r in responses}


missing_renders = []


@query_params()
def _slow_missing_view(request):
    missing_renders.append(time.monotonic())
    time.sleep(0.5)
    return HttpResponse("gone", status=404)


urlpatterns.append(path("gone/", _slow_missing_view))


def test_readers_waiting_for_a_page_that_is_not_kept_render_it_when_the_first_is_done(thing, settings):
    """A hot article just unpublished: its 404 is never stored, so the wait ends with the first render."""
    from django.test import Client

    settings.PAGE_RENDER_WAIT_SECONDS = 30
    missing_renders.clear()
    statuses, took = [], []

    def read():
        started = time.monotonic()
        statuses.append(Client().get("/gone/").status_code)
        took.append(time.monotonic() - started)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(40)
    assert statuses == [404, 404, 404] and len(missing_renders) == 3
    assert max(took) < 5  # nobody waited out the 30 s


def test_the_previous_page_is_served_for_page_stale_seconds_at_most(client, thing, settings, time_machine):
    settings.PAGE_STALE_SECONDS = 10
    time_machine.move_to(timezone.now())
    purge(["thing"])
    client.get("/thing/")
    purge(["thing"])
    key = PageCacheMiddleware._key(client.get("/thing/").wsgi_request, "")
    # /thing/ is rendered again (render 2) above; purge once more and hold its lock as a slow render would.
    purge(["thing"])
    assert cache.add(f"{key}:lock", 1, timeout=60)
    assert _state(client.get("/thing/")) == "stale"
    time_machine.shift(timedelta(seconds=11))
    late = client.get("/thing/")
    assert _state(late) == "miss" and late.content == b"render 3"


def test_tracking_parameters_never_split_the_cache(client):
    story = make_article(headline="Ferry")
    url = story.get_absolute_url()
    first = client.get(url)
    served = [client.get(f"{url}?utm_source=newsletter-{n}&utm_medium=email&fbclid=x{n}") for n in range(200)]
    assert _state(first) == "miss" and {_state(r) for r in served} == {"hit"}
    assert {r.content for r in served} == {first.content}
    # Unknown parameters the view does not read are dropped too, and make no entry of their own.
    assert _state(client.get(f"{url}?nonsense={'x' * 50}&gclid=1")) == "hit"


def test_a_listing_page_number_is_its_own_entry_and_links_carry_no_tracking(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(headline=f"Story {n}")
    one, two = client.get("/?utm_campaign=spring"), client.get("/?page=2&utm_campaign=spring")
    assert _state(one) == _state(two) == "miss" and one.content != two.content
    assert _state(client.get("/?page=2&gclid=abc")) == "hit"
    assert _state(client.get("/?gclid=abc&page=2&junk=1")) == "hit"
    assert "utm_campaign" not in two.content.decode() and 'href="?page=3"' in two.content.decode()


def test_one_path_keeps_a_bounded_number_of_variants(client, settings):
    settings.PAGE_CACHE_VARIANTS = 3
    make_article()
    for n in range(1, 7):
        client.get(f"/?page={n}")
    kept = [n for n in range(1, 7) if _state(client.get(f"/?page={n}")) == "hit"]
    assert kept == [1, 2, 3]
    assert _state(client.get("/")) == "miss" and _state(client.get("/")) == "hit"  # never counted


def test_cacheable_pages_carry_their_tags_for_http_caches_and_private_ones_none(client):
    story = make_article(headline="Cranes")
    author, section = story.authors.get(), story.section
    page = client.get(story.get_absolute_url())
    xkey = page.headers["xkey"].split()
    assert {f"article-{story.pk}", f"section-{section.pk}", f"author-{author.pk}", "menu"} <= set(xkey)
    assert page.headers["Surrogate-Key"] == page.headers["xkey"]
    assert page.headers["Cache-Tag"].split(",") == xkey
    assert client.get(story.get_absolute_url()).headers["xkey"] == page.headers["xkey"]  # the hit too
    front = client.get("/")
    assert {"listing", f"article-{story.pk}", "menu"} <= set(front.headers["xkey"].split())
    assert "listing" in client.get("/feeds/rss/").headers["xkey"].split()

    client.force_login(make_user(is_superuser=True))
    for private in (story.get_absolute_url(), f"/preview/{story.pk}/", "/admin/"):
        response = client.get(private)
        assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(response.headers), private


def test_scheduling_tomorrows_story_keeps_cached_pages_and_a_nearer_one_bounds_them(client):
    editor = make_user(group="Editors")
    story = make_article(headline="Today")
    client.get("/")
    tomorrow = timezone.now() + timedelta(days=1)
    make_article(headline="Tomorrow", section=story.section, authors=[], publish_at=tomorrow)
    assert _state(client.get("/")) == "hit"
    soon = make_article(headline="Soon", section=story.section, authors=[], status="draft")
    workflow.publish(soon, by=editor, at=timezone.now() + timedelta(seconds=30))
    response = client.get("/")  # the entry would outlive the embargo: rendered again, kept 30 s at most
    assert _state(response) == "miss" and "Soon" not in response.content.decode()
    assert int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1)) <= 30


def test_a_page_is_kept_at_its_first_render_when_the_cache_knows_none_of_its_tags(client):
    """As after a Redis flush: versions made while rendering (menu, counts) are not purges."""
    story = make_article(headline="Fresh start")
    cache.clear()
    for url in ("/", story.get_absolute_url()):
        assert _state(client.get(url)) == "miss"
        assert _state(client.get(url)) == "hit", url
