"""Purge pages by tag from the HTTP cache tier, once the change that calls for it commits.

BRIDGE, issue 13 (branch issue-13-varnish): the contract is `purge(tags, *, hard=False)` calling
every purger in settings.PAGE_CACHE_PURGERS (pagecache/purgers.py) after commit. The targeted
invalidation (which page shows what, which change purges which tags, hard or soft) belongs to the
tag-based invalidation branch, whose pagecache/purge.py replaces this file on merge, together with
the two calls into it (pagecache/content.py, pagecache/middleware.py).

Until then this bridge tags every cacheable page "all" and purges "all", hard, on any watched
change except one to a draft or an article in review (or to something that belongs to one):
enough for the Varnish tier's end-to-end tests, and NOT a design to keep.
"""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

BRIDGE_TAGS = ["all"]
_HIDDEN_STATES = ("draft", "review")
_purgers = None


def purgers():
    """The configured purgers, each built once: Class(**OPTIONS)."""
    global _purgers
    if _purgers is None:
        configured = settings.PAGE_CACHE_PURGERS
        _purgers = [import_string(entry["BACKEND"])(**entry.get("OPTIONS", {})) for entry in configured]
    return _purgers


def purge(tags, *, hard=False):
    """Purge `tags` from every configured tier after the current transaction commits (at once outside one)."""
    tags = list(dict.fromkeys(tags))
    if not tags or not settings.PAGE_CACHE_PURGERS:
        return

    def send():
        for purger in purgers():
            purger.purge(tags, hard=hard)

    transaction.on_commit(send)


def tag_response(response):
    """BRIDGE: the tag headers of a page anonymous readers may share."""
    response["xkey"] = response["Surrogate-Key"] = " ".join(BRIDGE_TAGS)
    response["Cache-Tag"] = ",".join(BRIDGE_TAGS)


def bridge_content_changed(instance=None, **kwargs):
    """BRIDGE: purge every page, unless the change is to something readers cannot see."""
    article = getattr(instance, "article", instance)
    if getattr(article, "status", None) in _HIDDEN_STATES:
        return
    purge(BRIDGE_TAGS, hard=True)
