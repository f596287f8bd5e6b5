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

    CACHES = {"default": {"BACKEND": "newsroom.filecache.FileCache", "LOCATION": "/var/cache/x",
                          "OPTIONS": {"MAX_ENTRIES": 200_000, "SHARED_BY": 16}}}
"""

import threading

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
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
