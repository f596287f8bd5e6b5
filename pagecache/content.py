"""When content changes by itself (a scheduled article going live), and values kept per tag version.

Tags (pagecache/tags.py, versions.py) cover changes someone makes. A scheduled article goes live
with no save at all, so the state kept here (one cache key, read with each page) bounds every
entry: no page is kept past the next scheduled publication, and once that time has come nothing
rendered before it is served again. An entry is judged by when it was rendered and until when it
is kept:

- when a scheduled time passes, the state is computed again and every entry rendered before that
  time is out (`cutoff`); the page then renders with the article in it, to the second;
- when the schedule changes (`schedule_changed()`, an article scheduled or rescheduled), entries
  rendered before stay only if they expire before the next scheduled time (`lenient_until`):
  scheduling tomorrow's story drops nothing.

The content app says when content next changes by itself: `set_next_change(function)`, where
`function()` returns an aware datetime or None.
"""

import hashlib
import math
import time

from django.core.cache import cache
from django.db import transaction

from pagecache import versions

STATE_KEY = "pagecache:schedule"
DERIVED_SECONDS = 600
MISSING = object()

_next_change = None


class ContentState:
    __slots__ = ("cutoff", "lenient_until", "next_change")

    def __init__(self, next_change, cutoff, lenient_until):
        self.next_change = next_change  # a UNIX timestamp, or None when nothing is scheduled
        self.cutoff = cutoff
        self.lenient_until = lenient_until  # None: no entry rendered before the cutoff is right

    def lifetime(self, now, limit):
        """Whole seconds an entry made now may be kept: `limit`, or less when an article goes live sooner."""
        if self.next_change is None:
            return limit
        return min(limit, math.floor(self.next_change - now))

    def allows(self, rendered_at, expires_at):
        """Whether an entry rendered at `rendered_at` and kept until `expires_at` is still right."""
        if rendered_at >= self.cutoff:
            return True
        return self.lenient_until is not None and expires_at <= self.lenient_until

    def as_tuple(self):
        return (self.next_change, self.cutoff, self.lenient_until)


def set_next_change(function):
    global _next_change
    _next_change = function


def _next_change_timestamp():
    when = _next_change() if _next_change is not None else None
    return when.timestamp() if when is not None else None


def content_state(stored=MISSING):
    """The current state (`stored`: STATE_KEY's value if already read); one query to compute it."""
    if stored is MISSING:
        stored = cache.get(STATE_KEY)
    now = time.time()
    if stored is not None:
        state = ContentState(*stored)
        if state.next_change is None or state.next_change > now:
            return state
        # A scheduled article has just gone live: whatever was rendered before it is out.
        state = ContentState(_next_change_timestamp(), state.next_change, None)
    else:
        # First use, or the schedule changed: what was rendered before stays if it ends in time.
        next_change = _next_change_timestamp()
        state = ContentState(next_change, now, math.inf if next_change is None else next_change)
    cache.set(STATE_KEY, state.as_tuple(), timeout=None)
    return state


def schedule_changed():
    """An article was scheduled, rescheduled or unscheduled: find the next scheduled time again."""
    cache.delete(STATE_KEY)
    # Again after the commit: a state computed meanwhile read the schedule before the change.
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


def cached_for_tags(name, tags, compute):
    """`compute()`, kept until one of `tags` is purged (and never past the next scheduled publication).

    For figures that grow with the archive, like a listing's total count: one query per change
    instead of one per request. No stale value is ever served.
    """
    state = content_state()
    now = time.time()
    lifetime = state.lifetime(now, DERIVED_SECONDS)
    found = versions.current(tags, create=True)
    if lifetime < 1 or len(found) < len(tags):
        return compute()
    signature = hashlib.md5(repr(sorted(found.items())).encode(), usedforsecurity=False).hexdigest()
    key = f"pagecache:derived:{name}:{signature}"
    stored = cache.get(key)
    if stored is not None and state.allows(stored[1], stored[2]):
        return stored[0]
    value = compute()
    cache.set(key, (value, now, now + lifetime), timeout=lifetime)
    return value
