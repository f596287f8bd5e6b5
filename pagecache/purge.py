"""Purging by tag: the app's own page cache at once, HTTP caches (Varnish, a CDN) after the commit.

`purge(tags, hard=False)` gives the tags new versions (pagecache/versions.py), now and again after
the transaction commits: a page rendered from data read before the commit is never kept as
current. A soft purge lets readers get the previous page for up to PAGE_STALE_SECONDS while one
request renders the new one; a hard purge (an unpublished article, a correction) never does.

After the commit, each configured HTTP-tier purger gets the same tags:

    PAGE_CACHE_PURGERS = [{"BACKEND": "pagecache.purgers.VarnishPurger", "OPTIONS": {...}}]

Each is built once as `BACKEND(**OPTIONS)` and called as `.purge(tags: list[str], *, hard: bool)`.
One that fails is logged (one WARNING line) and never fails the editor's save. What to purge when
content changes is the content app's decision (articles/invalidation.py); this module only does it.
"""

import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.db import transaction
from django.utils.module_loading import import_string

from pagecache import versions

logger = logging.getLogger(__name__)
_purgers = None


def purge(tags, *, hard=False):
    tags = sorted(set(tags))
    if not tags:
        return
    versions.bump(tags, hard=hard)

    def after_commit():
        versions.bump(tags, hard=hard)
        for purger in purgers():
            try:
                purger.purge(tags, hard=hard)
            except Exception as error:
                logger.warning("Page cache purger %s failed: %s", type(purger).__name__, error)

    transaction.on_commit(after_commit)


def purgers():
    """The HTTP-tier purgers from settings.PAGE_CACHE_PURGERS, built once."""
    global _purgers
    if _purgers is None:
        built = []
        for config in settings.PAGE_CACHE_PURGERS:
            try:
                built.append(import_string(config["BACKEND"])(**config.get("OPTIONS", {})))
            except Exception as error:
                logger.warning("Page cache purger %s cannot be built: %s", config.get("BACKEND"), error)
        _purgers = built
    return _purgers


def _forget_purgers(setting, **kwargs):
    global _purgers
    if setting == "PAGE_CACHE_PURGERS":
        _purgers = None


setting_changed.connect(_forget_purgers)
