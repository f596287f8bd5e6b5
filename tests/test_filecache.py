"""The file cache `make serve` gives gunicorn's workers (newsroom/filecache.py)."""

import environ

from newsroom import environment
from newsroom.filecache import FileCache


class CountingCache(FileCache):
    """Counts directory listings: Django's own file cache lists every file on each write."""

    listings = 0

    def _list_cache_files(self):
        self.listings += 1
        return super()._list_cache_files()


def _files(path):
    return len(list(path.glob("*.pcache")))


def test_a_write_does_not_list_the_whole_cache(tmp_path):
    cache = CountingCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100_000}})
    for number in range(1_000):
        cache.set(f"page:{number}", b"x" * 100)
    # Django's FileBasedCache: 1,000 listings of a growing directory (O(entries) per write).
    assert cache.listings <= 2
    assert _files(tmp_path) == 1_000
    assert cache.get("page:999") == b"x" * 100


def test_the_cache_stays_within_max_entries(tmp_path):
    options = {"OPTIONS": {"MAX_ENTRIES": 60, "SHARED_BY": 1, "CULL_FREQUENCY": 3}}
    cache = CountingCache(str(tmp_path), options)
    most = 0
    for number in range(600):
        cache.set(f"page:{number}", number)
        most = max(most, _files(tmp_path))
    assert most <= 60
    assert cache.get("page:599") == 599  # the newest write is never culled by its own write
    assert cache.listings < 600 / 2


def test_other_writers_are_counted_in(tmp_path):
    """Two processes share the directory: each counts again before the pair could pass MAX_ENTRIES."""
    options = {"OPTIONS": {"MAX_ENTRIES": 100, "SHARED_BY": 2}}
    first, second = FileCache(str(tmp_path), options), FileCache(str(tmp_path), options)
    most = 0
    for number in range(500):
        first.set(f"a:{number}", number)
        second.set(f"b:{number}", number)
        most = max(most, _files(tmp_path))
    assert most <= 100


def test_filecache_urls_get_this_backend(monkeypatch, tmp_path):
    monkeypatch.setenv("CACHE_URL", f"filecache://{tmp_path}")
    monkeypatch.delenv("REDIS_URL", raising=False)
    config = environment.cache(environ.Env())
    assert config["BACKEND"] == "newsroom.filecache.FileCache"
    assert config["OPTIONS"]["MAX_ENTRIES"] == 200_000


def test_values_round_trip_and_touch_keeps_them(tmp_path):
    cache = FileCache(str(tmp_path), {})
    page = ("<html>" + "é" * 5000, {"Content-Type": "text/html"}, None)
    cache.set("page", page, timeout=5)
    assert cache.get("page") == page
    assert cache.touch("page", timeout=600) and cache.get("page") == page
    assert cache.add("page", "other") is False and cache.get_many(["page", "none"]) == {"page": page}
    assert cache.get("page with spaces and a very long name " * 10, "missing") == "missing"
    cache.set("gone", 1, timeout=-1)
    assert cache.get("gone", "expired") == "expired"


def test_files_left_by_djangos_file_cache_are_not_read(tmp_path):
    """An upgrade from FileBasedCache (zlib-compressed values) over the same directory: no 500."""
    from django.core.cache.backends.filebased import FileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", "old format")
    assert FileCache(str(tmp_path), {}).get("page", "miss") == "miss"
