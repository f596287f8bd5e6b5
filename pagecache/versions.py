"""Tag versions in the shared cache: when each tag was last purged, and whether a stale page may be served.

Every tag has a version (a nanosecond timestamp, unique per purge) under `pagecache:v:<tag>`, and a
floor under `pagecache:floor:<tag>`: the version of its last HARD purge. A cached page stores the
versions of its tags as they were when it was rendered. On a hit one get_many reads the current
versions:

- all equal: the page is FRESH;
- some newer, each by a soft purge less than PAGE_STALE_SECONDS ago, and none past a floor: the page
  is STALE, and may be served while one request renders it again (the middleware's lock);
- otherwise (a hard purge since, a purge long ago, a version the cache no longer has): INVALID.

Most hits need not read the tags at all: the cache also holds the version of the latest purge of
any tag, and each page the latest purge it was checked against (`<key>:ok`, written when it is
stored or found fresh). A page checked since the latest purge is fresh: while writers only save
drafts, a hit is one get_many of four small keys and the page.

A purge deletes the version keys before writing new ones: while Redis is down the deletion is
remembered by its breaker (newsroom/cache.py) and carried out when it answers again, and a missing
version never passes for a current one. A version the cache does not know (never purged, forgotten
or deleted so) is created by the first render that needs it, with a floor of now: unknown history
is hard, and the first soft purge of such a tag serves nothing stale.
Versions come from the clock, so app servers' clocks must agree (NTP), as scheduling already needs.
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache

FRESH, STALE, INVALID = "fresh", "stale", "invalid"
CREATED_BACK = 60 * 1_000_000_000  # nanoseconds
LAST_PURGE = "pagecache:last-purge"
_lock = threading.Lock()
_last = 0


def _version_key(tag):
    return f"pagecache:v:{tag}"


def _floor_key(tag):
    return f"pagecache:floor:{tag}"


def new_version():
    """A version for a purge: the clock in nanoseconds, never twice the same in this process."""
    global _last
    with _lock:
        _last = max(time.time_ns(), _last + 1)
        return _last


def clock():
    """Now, as a version: every version written before this moment is at most this."""
    return max(time.time_ns(), _last)


def current(tags, *, create=False):
    """{tag: version} for the tags the cache knows; with `create`, unknown tags get a version first."""
    keys = {_version_key(tag): tag for tag in tags}
    versions = {keys[key]: version for key, version in cache.get_many(list(keys)).items()}
    missing = [tag for tag in tags if tag not in versions]
    if missing and create:
        # Dated a minute back, so a render running now does not take it for a purge during it; the
        # floor is now, so no page rendered before counts as a version one may serve stale.
        created, floor = clock() - CREATED_BACK, clock()
        for tag in missing:
            cache.add(_floor_key(tag), floor, timeout=None)
            cache.add(_version_key(tag), created, timeout=None)
        found = cache.get_many([_version_key(tag) for tag in missing])
        versions |= {keys[key]: version for key, version in found.items()}
    return versions


def bump(tags, *, hard):
    """Give `tags` new versions; a hard purge also raises their floors, so no stale page is served."""
    version = new_version()
    keys = [_version_key(tag) for tag in tags]
    floors = [_floor_key(tag) for tag in tags]
    cache.delete_many([*keys, *(floors if hard else []), LAST_PURGE])
    values = dict.fromkeys(keys, version) | (dict.fromkeys(floors, version) if hard else {})
    # The latest purge last: whoever sees it sees the tags' new versions.
    cache.set_many(values | {LAST_PURGE: version}, timeout=None)
    if not hard:
        # A tag without a floor has an unknown past: pages rendered before this purge count as hard.
        for floor in floors:
            cache.add(floor, version, timeout=None)


def last_purge(stored):
    """The version of the latest purge of any tag (`stored`: LAST_PURGE's value as read, or None).

    Missing (a flushed cache, or a purge's deletion replayed after an outage): it starts again at
    now, later than any page's check, so every page is checked tag by tag once more.
    """
    if stored is None:
        cache.add(LAST_PURGE, clock(), timeout=None)
        stored = cache.get(LAST_PURGE)
    return stored


def check(rendered_with, now):
    """FRESH, STALE or INVALID: a page rendered with `rendered_with` ({tag: version}) at `now` (a version)."""
    if not rendered_with:
        return FRESH
    keys = {_version_key(tag): tag for tag in rendered_with}
    found = {keys[key]: version for key, version in cache.get_many(list(keys)).items()}
    changed = [tag for tag, version in rendered_with.items() if found.get(tag) != version]
    if not changed:
        return FRESH
    window = settings.PAGE_STALE_SECONDS * 1_000_000_000
    if any(tag not in found or now - found[tag] > window for tag in changed):
        return INVALID
    floors = cache.get_many([_floor_key(tag) for tag in changed])
    if all(rendered_with[tag] >= floors.get(_floor_key(tag), now) for tag in changed):
        return STALE
    return INVALID
