"""Dependency tags: what a page shows, recorded while it renders.

A view calls `add_tags(request, "article-42", "listing", ...)` for everything its page shows (a
template can too: `{% load pagecache %}{% page_tags "menu" %}`). The page cache stores the tags
with the page, checks their versions on every hit (pagecache/versions.py) and sends them to HTTP
caches as `xkey`, `Surrogate-Key` and `Cache-Tag` headers, so a purge by tag reaches every copy.
The names are the content app's business (articles/pagetags.py); here they are only kept.
"""

import re

ATTRIBUTE = "_page_cache_tags"
# Tags travel in response headers, space- and comma-separated: no room for either in a name.
VALID_TAG = re.compile(r"^[A-Za-z0-9_.:-]+$")


def add_tags(request, *tags):
    """Record that the page being rendered for `request` shows what `tags` name."""
    found = request.__dict__.setdefault(ATTRIBUTE, set())
    for tag in tags:
        if not VALID_TAG.match(tag):
            raise ValueError(f"A page cache tag is letters, digits and _.:- only, not {tag!r}.")
        found.add(tag)


def tags_of(request):
    """The tags recorded for `request`, sorted."""
    return sorted(request.__dict__.get(ATTRIBUTE, ()))


def tag_headers(tags):
    """The headers that carry `tags` to Varnish (xkey), Fastly (Surrogate-Key) and Cloudflare (Cache-Tag)."""
    return {"xkey": " ".join(tags), "Surrogate-Key": " ".join(tags), "Cache-Tag": ",".join(tags)}
