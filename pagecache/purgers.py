"""Purgers: how a purge by tag reaches the HTTP cache tier in front of the app servers (issue 13).

Pages carry what they show as tags (`xkey` for Varnish, `Surrogate-Key` for Fastly, `Cache-Tag`
for Cloudflare); after a change commits, pagecache.purge calls every purger configured in
settings.PAGE_CACHE_PURGERS with the tags to drop:

    PAGE_CACHE_PURGERS = [{"BACKEND": "pagecache.purgers.VarnishPurger",
                           "OPTIONS": {"urls": ["http://127.0.0.1:6081"]}}]

`purge(tags, hard=...)`: a hard purge removes the pages at once (an unpublished article, a legal
takedown: no reader may have the old page once the editor's click returns); a soft one lets the
tier serve the old copy for a few seconds while one fetch brings the new one, where the tier can.

A purge runs in the editor's request, so each request has a short timeout, and a tier that is
down or refuses costs one warning line in the log, never an error page: pages then live out their
s-maxage. Tags are sent in batches small enough for each tier's limits, duplicates dropped.
Nothing here retries a failure; the next change purges again.

A hard purge is sent twice, the second time REPEAT_HARD_AFTER seconds later: a reader's miss
whose render began before the change committed can reach the tier after the first purge and be
stored there, old; the second purge removes it. One thread per purger and process sends the
repeats: each is held up to a sixth of that delay more (1 s), so those falling due together go
in one purge (a bulk unpublish of a hundred stories is a few requests, not a hundred timers);
none goes early. (Renders on this stack end
within the database's 5 s statement timeout, so a page started before the commit is stored by
then.) The cost is one extra miss per page a hard purge named.
"""

import heapq
import itertools
import json
import logging
import threading
import time
import urllib.error
import urllib.request

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)
REPEAT_HARD_AFTER = 6.0
CLOUDFLARE_API = "https://api.cloudflare.com/client/v4"


class Purger:
    """Sends one HTTP request per batch of tags; subclasses say what each request looks like."""

    batch_size = 100
    # Loopback caches are reached directly, whatever HTTP_PROXY the process has; APIs on the
    # internet go through the environment's proxy, as any outgoing request of the app would.
    use_environment_proxy = True

    def __init__(self, *, timeout, repeat_hard_after=REPEAT_HARD_AFTER):
        self.timeout = float(timeout)
        self.repeat_hard_after = float(repeat_hard_after)
        handlers = [] if self.use_environment_proxy else [urllib.request.ProxyHandler({})]
        self._opener = urllib.request.build_opener(*handlers)
        self._repeats = _Repeats(lambda tags: self._purge(tags, hard=True), gather=self.repeat_hard_after / 6)

    def purge(self, tags, *, hard):
        tags = list(dict.fromkeys(tags))
        self._purge(tags, hard=hard)
        if hard and self.repeat_hard_after > 0:
            self._repeats.add(time.monotonic() + self.repeat_hard_after, tags)

    def _purge(self, tags, *, hard):
        for start in range(0, len(tags), self.batch_size):
            batch = tags[start : start + self.batch_size]
            for request in self.requests(batch, hard=hard):
                self._send(request, batch)

    def requests(self, tags, *, hard):
        raise NotImplementedError

    def check(self, body):
        """A reason the purge failed although the answer was a 2xx, or None."""
        return None

    def _send(self, request, tags):
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                problem = self.check(response.read())
        except urllib.error.HTTPError as error:
            problem = f"{error.code} {error.reason}"
        except (urllib.error.URLError, OSError) as error:
            problem = str(getattr(error, "reason", error))
        if problem:
            where = request.full_url.split("?")[0]
            logger.warning(
                "%s: %s %s of %d tags failed (%s); those pages live out their s-maxage",
                type(self).__name__, request.get_method(), where, len(tags), problem,
            )  # fmt: skip


class _Repeats:
    """Hard purges to send again at their time, by one daemon thread (started when first needed,
    and again in a process forked after it, where it does not run)."""

    def __init__(self, send, *, gather):
        self._send = send
        self._gather = gather  # seconds a repeat may wait for others
        self._due = []  # heap of (when, order, tags)
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread = None

    def add(self, when, tags):
        with self._changed:
            heapq.heappush(self._due, (when, next(self._order), tags))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="purge-repeats", daemon=True)
                self._thread.start()
            self._changed.notify()

    def _run(self):
        while True:
            with self._changed:
                # The first due, held for `gather` so others join it; then all that are due by now.
                while not self._due or self._due[0][0] + self._gather > time.monotonic():
                    timeout = self._due[0][0] + self._gather - time.monotonic() if self._due else None
                    self._changed.wait(timeout)
                now, tags = time.monotonic(), []
                while self._due and self._due[0][0] <= now:
                    tags += heapq.heappop(self._due)[2]
            self._send(list(dict.fromkeys(tags)))


class VarnishPurger(Purger):
    """PURGE with `xkey-purge` or `xkey-softpurge` (deploy/varnish/newsroom.vcl) to each Varnish."""

    # Tags travel in one request header; Varnish refuses headers over 8 KB (http_req_hdr_len).
    batch_size = 100
    use_environment_proxy = False

    def __init__(self, urls, timeout=1.0, repeat_hard_after=REPEAT_HARD_AFTER):
        if isinstance(urls, str) or not urls:
            raise ImproperlyConfigured("VarnishPurger needs `urls`: a list like ['http://127.0.0.1:6081']")
        super().__init__(timeout=timeout, repeat_hard_after=repeat_hard_after)
        self.urls = [url.rstrip("/") + "/" for url in urls]

    def requests(self, tags, *, hard):
        header = "xkey-purge" if hard else "xkey-softpurge"
        for url in self.urls:
            yield urllib.request.Request(url, method="PURGE", headers={header: " ".join(tags)})


class FastlyPurger(Purger):
    """Fastly's purge by surrogate key: POST /service/<id>/purge, soft unless `hard`."""

    batch_size = 256  # Fastly's limit of keys in one request

    def __init__(self, service_id, api_token, timeout=5.0, api_url="https://api.fastly.com", **options):
        if not service_id or not api_token:
            raise ImproperlyConfigured("FastlyPurger needs `service_id` and `api_token`")
        super().__init__(timeout=timeout, **options)
        self.endpoint = f"{api_url.rstrip('/')}/service/{service_id}/purge"
        self.api_token = api_token

    def requests(self, tags, *, hard):
        headers = {
            "Fastly-Key": self.api_token,
            "Surrogate-Key": " ".join(tags),
            "Accept": "application/json",
        }
        if not hard:
            headers["Fastly-Soft-Purge"] = "1"  # marks them stale: Fastly's stale-while-revalidate applies
        yield urllib.request.Request(self.endpoint, method="POST", headers=headers)


class CloudflarePurger(Purger):
    """Cloudflare's purge by Cache-Tag: POST /zones/<id>/purge_cache {"tags": [...]}; always hard.

    Cloudflare has no soft purge by tag, so a soft purge is a hard one there.
    """

    batch_size = 30  # tags in one call, the smallest limit among Cloudflare's plans

    def __init__(self, zone_id, api_token, timeout=5.0, api_url=CLOUDFLARE_API, **options):
        if not zone_id or not api_token:
            raise ImproperlyConfigured("CloudflarePurger needs `zone_id` and `api_token` (an API token)")
        super().__init__(timeout=timeout, **options)
        self.endpoint = f"{api_url.rstrip('/')}/zones/{zone_id}/purge_cache"
        self.api_token = api_token

    def requests(self, tags, *, hard):
        yield urllib.request.Request(
            self.endpoint,
            method="POST",
            data=json.dumps({"tags": tags}).encode(),
            headers={"Authorization": f"Bearer {self.api_token}", "Content-Type": "application/json"},
        )

    def check(self, body):
        try:
            answer = json.loads(body)
        except ValueError:
            return "an answer that is not JSON"
        if isinstance(answer, dict) and answer.get("success") is True:
            return None
        errors = answer.get("errors") if isinstance(answer, dict) else None
        return f"Cloudflare says: {json.dumps(errors)[:300]}"
