"""The page cache's deploy check: every app server process must see the same cache."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """The page cache is invalidated through the cache itself: every process must see one cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The default cache is LocMem, private to each process: after an edit, other gunicorn "
                "workers keep serving the old page until it expires.",
                hint="Set REDIS_URL (several servers) or CACHE_URL=filecache:///path (one machine).",
                id="newsroom.W001",
            )
        ]
    return []
