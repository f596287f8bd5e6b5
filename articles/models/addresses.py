"""Reader addresses of articles, sections, authors and tags, built without a full reverse() each.

An article page links to twenty-odd of them (byline, tags, Previous/Next, "More on this", its own
canonical address three times), and reverse() costs about 0.08 ms each: a tenth of the template's
time on an uncached page (issue 13). A slug route's address is the same string for every slug but
the slug, so it is reversed once with a placeholder and the slug is put in its place.

The result is the string reverse() gives: a slug is letters, digits, hyphens and underscores, which
reverse() never quotes. Anything else goes through reverse() itself, as does the placeholder again
when the URL configuration or the script prefix change (tests override ROOT_URLCONF; a site served
under a path prefix sets the prefix per request).
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "slug-placeholder"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@functools.lru_cache(maxsize=64)
def _around_slug(name, urlconf, prefix):
    """(what comes before the slug, what comes after) in the address of the route `name`."""
    before, after = reverse(name, urlconf=urlconf, kwargs={"slug": _PLACEHOLDER}).split(_PLACEHOLDER)
    return before, after


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}), for a route whose one argument is a slug."""
    if not _SLUG.match(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _around_slug(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return before + slug + after
