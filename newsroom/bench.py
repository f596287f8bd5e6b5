"""The benchmark's floor: a bare view returning a fixed page, routed only when BENCH_FLOOR=1."""

from functools import cache

from django.http import HttpResponse

DEFAULT_BYTES = 20_000


@cache
def _page(size):
    head = b"<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Floor</title></head><body><p>"
    tail = b"</p></body></html>\n"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def floor(request):
    """`?bytes=N` sizes the page like the one it is compared with; never stored by the page cache."""
    try:
        size = min(max(int(request.GET.get("bytes", DEFAULT_BYTES)), 0), 1_000_000)
    except ValueError:
        size = DEFAULT_BYTES
    return HttpResponse(_page(size), headers={"Cache-Control": "no-cache"})
