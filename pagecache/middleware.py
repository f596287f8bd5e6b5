"""The anonymous page cache: whole public pages, keyed by content generation.

Django's UpdateCacheMiddleware/FetchFromCacheMiddleware pair keys pages by URL and headers only,
so an edit could not reach them short of clearing the cache; here every key carries the content
generation from pagecache/content.py. Only anonymous GET/HEAD requests (no session cookie) that end
in a 200 without `private`/`no-store` and without cookies are stored; never anything under the
admin. A cache that is down (django-redis ignores its errors) just means every page renders.
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

from pagecache.content import content_state
from pagecache.purge import tag_response

PRIVATE = "private, no-store"
# Seconds past a page's s-maxage within which a scheduled publication forbids serving it stale.
SCHEDULE_MARGIN = 60


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

        try:
            state = content_state()
        except DatabaseError:
            # The database is down: let the view fail into the 503 page.
            return self.get_response(request)
        request.content_generation = state.generation  # for fragment caches (site header)
        now = time.time()
        lifetime = settings.PAGE_CACHE_SECONDS
        if (until_next := state.seconds_until_next_publish(now)) is not None:
            lifetime = min(lifetime, math.floor(until_next))
        if lifetime < 1:
            # Caching is off, or an article goes live within the second.
            return self.get_response(request)
        key = self._key(request, state.generation)

        if (entry := cache.get(key)) is not None:
            response = self._from_entry(request, entry)
            response["X-Page-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._storable(request, response):
                return response
            set_response_etag(response)
            cache.set(key, self._entry(request, response), timeout=lifetime)
            response["X-Page-Cache"] = "miss"
        max_age = min(settings.PAGE_MAX_AGE, lifetime)
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
        if until_next is not None and until_next < max_age + SCHEDULE_MARGIN:
            # A shared cache may serve a page stale for its grace after it expires (Varnish reads
            # this header into its grace): not past a publication, which must show to the second.
            patch_cache_control(response, stale_while_revalidate=0)
        tag_response(response)  # BRIDGE (issue-13-varnish)
        return response

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
    def _key(request, generation):
        where = hashlib.md5(f"{request.get_host()}{request.get_full_path()}".encode(), usedforsecurity=False)
        return f"page:{generation}:{where.hexdigest()}"

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
    def _entry(request, response):
        """What is stored: content and headers, and the CSP nonce if the page used one."""
        nonce = get_nonce(request)
        used_nonce = str(nonce) if nonce else None
        headers = {k: v for k, v in response.items() if k not in ("Cache-Control", "X-Page-Cache")}
        return (response.content, headers, used_nonce)

    @staticmethod
    def _from_entry(request, entry):
        content, headers, used_nonce = entry
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
