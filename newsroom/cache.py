"""The Redis cache backend: django-redis with short timeouts and a circuit breaker (issue 11).

django-redis with IGNORE_EXCEPTIONS already turns a Redis outage into cache misses. But a hung
Redis still costs its socket timeout on every call, several calls a request, and each ignored
error was logged with a traceback. Here every call goes through one breaker per process
(newsroom/breaker.py): after a failure the cache is skipped for REDIS_RETRY_SECONDS, pages render
as if nothing were cached, and the outage is logged once. The page cache and everything else that
uses `django.core.cache` get this without knowing.

A deletion that cannot reach Redis (a purge deleting the page cache's tag versions) is
remembered and carried out when Redis answers again, so pages cached before the outage are not
served after it. Only this process remembers; see the README's known limits.
"""

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted

from newsroom.breaker import CircuitBreaker

# Client methods that do no network I/O (close() runs after every request and only lets go of
# connections: it must neither trip the breaker nor count as Redis answering again).
LOCAL_METHODS = {
    "get_client", "get_client_with_index", "make_key", "make_pattern", "encode", "decode",
    "close", "do_close_clients",
}  # fmt: skip
DELETIONS = {"delete", "delete_many"}
MAX_PENDING_DELETIONS = 1000


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        retry_seconds = options.pop("RETRY_SECONDS", 5)
        # The breaker answers instead of the errors: django-redis returns its defaults for them.
        options["IGNORE_EXCEPTIONS"] = True
        super().__init__(server, params)
        self._log_ignored_exceptions = False
        self.breaker = CircuitBreaker("Redis cache", retry_seconds)
        self.pending_deletions = []

    @property
    def client(self):
        return GuardedClient(super().client, self)


class GuardedClient:
    """django-redis' client, with every call that reaches Redis going through the breaker."""

    def __init__(self, client, cache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name.startswith("_") or name in LOCAL_METHODS or not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            breaker = self._cache.breaker
            if breaker.is_open():
                self._remember(name, args, kwargs)
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                breaker.trip(error.__cause__ or error)
                self._remember(name, args, kwargs)
                raise
            if breaker.succeeded():
                self._replay()
            return result

        return guarded

    def _remember(self, name, args, kwargs):
        pending = self._cache.pending_deletions
        if name in DELETIONS and len(pending) < MAX_PENDING_DELETIONS:
            pending.append((name, args, kwargs))

    def _replay(self):
        pending, self._cache.pending_deletions = self._cache.pending_deletions, []
        for name, args, kwargs in pending:
            try:
                getattr(self._client, name)(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._cache.breaker.trip(error.__cause__ or error)
                self._cache.pending_deletions = pending[:MAX_PENDING_DELETIONS]
                return
