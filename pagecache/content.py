"""What the page cache knows about content: a generation number and when content next changes.

Every cached page's key carries the content generation; any change to a watched model drops the
stored generation, so the next request starts a new one and every old page is simply never asked
for again (no hunting for keys to delete). The state also records when content next changes by
itself (a scheduled article going live), so no cached page outlives that moment.

Content apps say what to watch from their AppConfig.ready():

- `watch(*models)`: saving or deleting any of them changes what pages show;
- `watch_relations(*through_models)`: so does adding or removing a many-to-many link;
- `set_next_change(function)`: `function()` returns when content next changes by itself, as an
  aware datetime, or None.
"""

import math
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.purge import bridge_content_changed

STATE_KEY = "content-state"
DERIVED_SECONDS = 600

_next_change = None


class ContentState:
    __slots__ = ("generation", "next_publish_at")

    def __init__(self, generation, next_publish_at):
        self.generation = generation
        self.next_publish_at = next_publish_at  # a UNIX timestamp, or None when nothing is scheduled

    def seconds_until_next_publish(self, now):
        return None if self.next_publish_at is None else self.next_publish_at - now


def watch(*models):
    for model in models:
        label = model._meta.label
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")


def watch_relations(*through_models):
    for through in through_models:
        m2m_changed.connect(
            _relations_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}"
        )


def set_next_change(function):
    global _next_change
    _next_change = function


def _next_change_timestamp():
    when = _next_change() if _next_change is not None else None
    return when.timestamp() if when is not None else None


def content_state():
    """The current state; computed (one query) when missing or when a scheduled change has come."""
    stored = cache.get(STATE_KEY)
    now = time.time()
    if stored is not None:
        generation, next_publish_at = stored
        if next_publish_at is None or next_publish_at > now:
            return ContentState(generation, next_publish_at)
        # A scheduled article has just gone live: its pages' entries have already expired (their
        # lifetime was bounded by this time); only the next publication time needs finding.
    else:
        generation = time.time_ns()
    state = ContentState(generation, _next_change_timestamp())
    cache.set(STATE_KEY, (state.generation, state.next_publish_at), timeout=None)
    return state


def bump_generation():
    """Forget the current generation: every cached page becomes unreachable."""
    cache.delete(STATE_KEY)


def _content_changed(**kwargs):
    bump_generation()
    # Again after commit, so a page rendered between the change and its commit is not kept.
    transaction.on_commit(bump_generation)
    # BRIDGE (issue-13-varnish), after the generation so Varnish refetches a fresh page.
    bridge_content_changed(**kwargs)


def _relations_changed(action, instance=None, **kwargs):
    if action.startswith("post_"):
        _content_changed(instance=instance)


def cached_for_generation(name, compute):
    """`compute()`, remembered for the current content generation (and never past the next publication).

    For figures that grow with the archive, like a listing's total count: one query per change
    instead of one per request.
    """
    state = content_state()
    lifetime = DERIVED_SECONDS
    if (until_next := state.seconds_until_next_publish(time.time())) is not None:
        lifetime = min(lifetime, math.floor(until_next))
    if lifetime < 1:
        return compute()
    key = f"derived:{state.generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=lifetime)
    return value
