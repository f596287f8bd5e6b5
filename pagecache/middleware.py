"""The anonymous page cache: whole public pages, each kept until what it shows is purged.

Django's UpdateCacheMiddleware/FetchFromCacheMiddleware pair keys pages by URL and headers only,
so an edit could not reach them short of clearing the cache. Here a page is stored with the
versions of the tags it recorded while rendering (pagecache/tags.py, versions.py) and served only
while they still hold; a purge by tag (pagecache/purge.py) ends exactly the pages that show the
change. After a soft purge one request renders the page again (a lock in the shared cache, taken
with cache.add) while the others get the previous page, for PAGE_STALE_SECONDS at most; after a
hard purge nobody does. When there is no page to serve at all (never stored, expired, purged
hard), the same lock makes one request render it while the others wait for its copy, up to
PAGE_RENDER_WAIT_SECONDS, instead of all rendering it at once. The key is the host, the path and
the query parameters the view declared (pagecache/querystring.py); one path makes at most
PAGE_CACHE_VARIANTS entries with parameters.

Only anonymous GET/HEAD requests (no session cookie) that end in a 200 without `private`/
`no-store`/`no-cache` and without cookies are stored, and only those carry the tags as `xkey`,
`Surrogate-Key` and `Cache-Tag` headers; never anything under the admin. A cache that is down
(django-redis ignores its errors) just means every page renders.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.csp import generate_nonce

from pagecache import versions
from pagecache.content import STATE_KEY, content_state
from pagecache.querystring import cache_variant
from pagecache.tags import tag_headers, tags_of

PRIVATE = "private, no-store"
# Seconds past a page's s-maxage within which a scheduled publication forbids serving it stale.
SCHEDULE_MARGIN = 60
# How often a reader waiting for another request's render of the same page looks for it.
RENDER_POLL_SECONDS = 0.02


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefixes = {}

    @property
    def admin_prefix(self):
        """Where the admin lives, from the URLconf in use: never cached, always private."""
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        if urlconf not in self._admin_prefixes:
            try:
                self._admin_prefixes[urlconf] = reverse("admin:index", urlconf=urlconf)
            except NoReverseMatch:
                self._admin_prefixes[urlconf] = None  # no admin in this URLconf
        return self._admin_prefixes[urlconf]

    def _is_admin(self, request):
        prefix = self.admin_prefix
        return prefix is not None and request.path.startswith(prefix)

    def __call__(self, request):
        if not self._anonymous_read(request):
            response = self.get_response(request)
            if "Cache-Control" not in response and (self._is_admin(request) or self._has_session(request)):
                response["Cache-Control"] = PRIVATE
            return response
        variant = cache_variant(request)
        if variant is None or settings.PAGE_CACHE_SECONDS < 1:
            return self.get_response(request)

        key = self._key(request, variant)
        found = self._lookup(request, key)
        if not isinstance(found, tuple):
            return found if found is not None else self.get_response(request)
        state, last, locked = found
        lock = f"{key}:lock"
        wait = settings.PAGE_RENDER_WAIT_SECONDS
        if not locked and wait > 0:
            # No page to serve (never stored, expired or purged hard): one request renders it, and
            # readers who come meanwhile wait for its copy instead of rendering it too (a breaking
            # story's first minute, a front page after an unpublish).
            locked = cache.add(lock, 1, timeout=max(1, math.ceil(wait)))
            if not locked:
                self._wait_while_held(lock, wait)
                found = self._lookup(request, key)
                if not isinstance(found, tuple):
                    return found if found is not None else self.get_response(request)
                # Not stored after all (a 404, a page that may not be kept) or too slow: render.
                state, last, locked = found
        try:
            return self._render(request, key, variant, state, last)
        finally:
            if locked:
                cache.delete(lock)

    def _lookup(self, request, key):
        """The stored page as a response (a hit, or a stale copy while another request renders);
        else (state, latest purge, whether this request now holds the render lock); None while
        the database is down."""
        stored = cache.get_many([STATE_KEY, key, f"{key}:ok", versions.LAST_PURGE])
        try:
            state = content_state(stored.get(STATE_KEY))
        except DatabaseError:
            # The database is down: let the view fail into the 503 page.
            return None
        now = time.time()
        last = versions.last_purge(stored.get(versions.LAST_PURGE))
        entry = stored.get(key)
        if entry is not None and state.allows(entry[4], entry[5]):
            checked = stored.get(f"{key}:ok")
            if last is not None and checked is not None and checked >= last:
                verdict = versions.FRESH  # no purge at all since it was last checked
            else:
                verdict = versions.check(entry[3], versions.clock())
                if verdict == versions.FRESH and last is not None:
                    cache.set(f"{key}:ok", last, timeout=max(1, int(entry[5] - now)))
            if verdict == versions.FRESH:
                return self._serve(request, entry, "hit", now, state)
            if verdict == versions.STALE:
                if not cache.add(f"{key}:lock", 1, timeout=max(1, settings.PAGE_STALE_SECONDS)):
                    return self._serve(request, entry, "stale", now, state)
                return state, last, True
        return state, last, False

    @staticmethod
    def _wait_while_held(lock, seconds):
        """Until the request rendering this page lets its lock go, `seconds` at most."""
        deadline = time.monotonic() + seconds
        # Looked at first: with the cache down, add() failed for want of a cache, not of the lock.
        while cache.get(lock) is not None and time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)

    def _render(self, request, key, variant, state, last):
        started, rendered_at = versions.clock(), time.time()
        lifetime = state.lifetime(rendered_at, settings.PAGE_CACHE_SECONDS)
        response = self.get_response(request)
        if lifetime < 1 or not self._storable(request, response):
            # Not storable at all, or an article goes live within the second.
            return response
        tags = tags_of(request)
        for name, value in tag_headers(tags).items() if tags else ():
            response[name] = value
        set_response_etag(response)
        response["X-Page-Cache"] = "miss"
        found = versions.current(tags, create=True)
        if len(found) < len(tags) or any(version > started for version in found.values()):
            # Purged while rendering (the page may hold what was read before), or the cache is down.
            patch_cache_control(response, no_cache=True)
            return response
        if self._within_variant_cap(request, variant):
            entry = self._entry(request, response, found, rendered_at, rendered_at + lifetime)
            # Checked against the latest purge read before rendering: a purge since is checked again.
            checked = {f"{key}:ok": last} if last is not None else {}
            cache.set_many({key: entry} | checked, timeout=lifetime)
        self._public(response, state, rendered_at, lifetime)
        return response

    def _serve(self, request, entry, label, now, state):
        response = self._from_entry(request, entry)
        response["X-Page-Cache"] = label
        if label == "stale":
            # Good for this reader only: an HTTP cache must come back for the new page.
            patch_cache_control(response, no_cache=True)
            return response
        remaining = int(entry[5] - now)
        if state.next_change is not None:
            remaining = min(remaining, int(state.next_change - now))
        self._public(response, state, now, max(remaining, 0))
        return response

    @staticmethod
    def _public(response, state, now, remaining):
        """Cache-Control for a page the app keeps `remaining` more seconds.

        Browsers keep it PAGE_MAX_AGE at most: no edit reaches them. A shared cache that the app
        purges by tag (PAGE_CACHE_PURGERS: Varnish, a CDN) keeps it as long as the app does, since
        the same purges end both; one that is never purged gets PAGE_MAX_AGE too. Either may serve
        it stale for its grace after it expires (Varnish reads stale-while-revalidate into its
        grace): not past a publication, which shows to the second.
        """
        max_age = min(settings.PAGE_MAX_AGE, remaining)
        shared = remaining if settings.PAGE_CACHE_PURGERS else max_age
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared)
        if state.next_change is not None and state.next_change - now < shared + SCHEDULE_MARGIN:
            patch_cache_control(response, stale_while_revalidate=0)

    def _anonymous_read(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not self._is_admin(request)
            and not self._has_session(request)
        )

    @staticmethod
    def _has_session(request):
        return settings.SESSION_COOKIE_NAME in request.COOKIES

    @staticmethod
    def _key(request, variant):
        where = f"{request.get_host()}{request.path}?{variant}"
        return f"page:{hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()}"

    @staticmethod
    def _within_variant_cap(request, variant):
        """A page without parameters is always kept; one path keeps PAGE_CACHE_VARIANTS others at most."""
        if not variant:
            return True
        path = hashlib.md5(f"{request.get_host()}{request.path}".encode(), usedforsecurity=False)
        key = f"pagecache:variants:{path.hexdigest()}"
        known = cache.get(key) or set()
        signature = hashlib.md5(variant.encode(), usedforsecurity=False).hexdigest()[:16]
        if signature in known:
            return True
        if len(known) >= settings.PAGE_CACHE_VARIANTS:
            return False
        cache.set(key, known | {signature}, timeout=settings.PAGE_CACHE_SECONDS)
        return True

    @staticmethod
    def _storable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def _entry(request, response, found, rendered_at, expires_at):
        """What is stored: content, headers, the CSP nonce if the page used one, and what judges it."""
        nonce = get_nonce(request)
        used_nonce = str(nonce) if nonce else None
        headers = {k: v for k, v in response.items() if k not in ("Cache-Control", "X-Page-Cache")}
        return (response.content, headers, used_nonce, found, rendered_at, expires_at)

    @staticmethod
    def _from_entry(request, entry):
        content, headers, used_nonce = entry[:3]
        if used_nonce:
            # A nonce must be new for every response: swap the stored one for a fresh one in the
            # page and in its Content-Security-Policy header alike.
            fresh = generate_nonce()
            content = content.replace(used_nonce.encode(), fresh.encode())
            headers = {k: v.replace(used_nonce, fresh) for k, v in headers.items() if k != "ETag"} | {
                "ETag": headers.get("ETag", "")
            }
        response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        return response
