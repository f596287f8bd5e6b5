"""Django's file cache, without listing the whole directory on every write.

`FileBasedCache.set()` (and `add()`, which sets) calls `_cull()`, which lists every cache file to
compare their number with MAX_ENTRIES: O(entries) per write. The page cache writes a few keys per
rendered page, so with 30,000 files each write cost 25 ms and a page miss 100 to 400 ms on this
machine (the newsroom-day benchmark, issue 13), growing with the cache.

Here a write lists the directory only when the files could have reached MAX_ENTRIES since the last
count: after counting N files, at most (MAX_ENTRIES - N) / SHARED_BY further writes of this process
(SHARED_BY: how many processes may write to the directory at once, 16 by default), so a listing is
paid once per thousands of writes while the cache is far from full. Culling itself is Django's: at
MAX_ENTRIES, delete 1/CULL_FREQUENCY of the files at random. With more writers than SHARED_BY the
directory can pass MAX_ENTRIES by the writes of the extra processes before one of them counts.

Values are pickled without Django's zlib compression: a page is read on every hit and written
once per render, and decompressing it was a fifth of a hit's CPU in-process; the files are about
three times larger (a 13 KB article page stays 13 KB). The suffix differs from Django's
(`.pcache`), so files an earlier backend left in the directory are never read as this format.
Keys are not checked for memcached's rules (every key becomes an MD5 file name here).

    CACHES = {"default": {"BACKEND": "newsroom.filecache.FileCache", "LOCATION": "/var/cache/x",
                          "OPTIONS": {"MAX_ENTRIES": 200_000, "SHARED_BY": 16}}}
"""

import pickle
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class FileCache(FileBasedCache):
    cache_suffix = ".pcache"

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._shared_by = max(1, int(params.get("OPTIONS", {}).get("SHARED_BY", 16)))
        self._writes_before_count = 0  # the first write counts
        self._count_lock = threading.Lock()

    def _cull(self):
        with self._count_lock:
            if self._writes_before_count > 0:
                self._writes_before_count -= 1
                return
        entries = len(self._list_cache_files())
        if entries >= self._max_entries:
            super()._cull()  # lists again, then deletes a share at random
            entries -= entries // self._cull_frequency if self._cull_frequency else entries
        with self._count_lock:
            self._writes_before_count = max(0, (self._max_entries - entries) // self._shared_by - 1)

    def validate_key(self, key):
        """Any key makes a file name (its MD5): memcached's length and character rules do not apply."""

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                locks.lock(f, locks.LOCK_EX)
                try:
                    if self._is_expired(f):
                        return False
                    value = pickle.load(f)
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    f.truncate()
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False
