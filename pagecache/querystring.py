"""Which part of a query string a cached page depends on.

Tracking parameters (utm_*, fbclid, gclid and the like) are for analytics, never for the page:
they are dropped before the view runs. A view declares the parameters it reads with
`@query_params("page")`; any other parameter is dropped too, so the page and its cache key
depend on the declared ones alone, in a fixed order: 200 `?utm_source=` variants are one entry,
`?page=2` is its own. A view that declares nothing is cached only when no parameter is left.
(The middleware also caps the entries one path can make: settings.PAGE_CACHE_VARIANTS.)
"""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "yclid", "ysclid", "msclkid", "mc_cid",
    "mc_eid", "_ga", "_gl", "igshid", "twclid", "ttclid", "li_fat_id", "mkt_tok", "_hsenc", "_hsmi",
    "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "vero_id", "wickedid", "epik", "srsltid",
})  # fmt: skip


def query_params(*names):
    """Declare the query parameters a view reads: its cached pages vary on those alone."""

    def declare(view):
        view.page_cache_params = frozenset(names)
        return view

    return declare


def is_tracking(name):
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


def cache_variant(request):
    """The query string the page depends on ('' for none), or None when it cannot be cached.

    The request keeps only those parameters (GET and QUERY_STRING alike), so the view, and any
    link it builds from the query string, sees exactly what the key says.
    """
    if not request.META.get("QUERY_STRING"):
        return ""
    try:
        declared = getattr(resolve(request.path_info, getattr(request, "urlconf", None)).func,
                           "page_cache_params", None)  # fmt: skip
    except Resolver404:
        declared = None
    kept = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not is_tracking(name) and (declared is None or name in declared)
        for value in values
    )
    if declared is None and kept:
        return None  # the view did not say what it reads: do not guess
    variant = urlencode(kept)
    if variant != request.META["QUERY_STRING"]:
        request.META["QUERY_STRING"] = variant
        request.GET = QueryDict(variant, encoding=request.encoding)
    return variant
