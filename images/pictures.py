"""`<picture>` markup for an image: AVIF and WebP sources, a JPEG fallback, width and height, sizes.

Built from the image's rendition manifest alone (no query, no file access), so a listing of twenty
cards costs nothing beyond loading the images with their articles.
"""

from django.conf import settings
from django.utils.html import format_html, format_html_join

from images.access import media_path
from images.renditions import MIME_TYPES

# What the fallback <img src> is for a browser that reads neither srcset nor <picture>.
FALLBACK_WIDTH = 640


def rendition_url(image, name, *, private=False):
    """A rendition's address: on the site for private pages (their cookies must reach the gate),
    under MEDIA_URL (which may be a CDN's host) for public ones."""
    base = media_path() if private else settings.MEDIA_URL
    return base + image.rendition_path(name)


def candidates(image, set_name, fmt):
    return image.renditions.get(set_name, {}).get(fmt, [])


def social(image, *, private=False):
    """(url, width, height) of the 1200x630 JPEG for link previews and JSON-LD, or None.
    The URL may be relative: callers make it absolute."""
    found = candidates(image, "social", "jpeg") if image is not None else []
    if not found:
        return None
    width, height, name = found[-1]
    return rendition_url(image, name, private=private), width, height


def picture(image, *, sizes, set_name="w", loading="lazy", fetchpriority=None, css_class="", private=False):
    """The <picture> element, or '' while the image has no renditions yet (never the original)."""
    if image is None or not image.renditions:
        return ""
    fallback = candidates(image, set_name, "jpeg")
    if not fallback:
        return ""

    def srcset(fmt):
        return ", ".join(
            f"{rendition_url(image, name, private=private)} {width}w"
            for width, _height, name in candidates(image, set_name, fmt)
        )

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (MIME_TYPES[fmt], srcset(fmt), sizes)
            for fmt in ("avif", "webp")
            if candidates(image, set_name, fmt)
        ),
    )
    _src_width, _src_height, src_name = next((c for c in fallback if c[0] >= FALLBACK_WIDTH), fallback[-1])
    width, height, _name = fallback[-1]
    priority = format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else ""
    lazy = format_html(' loading="{}"', loading) if loading == "lazy" else ""
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{} '
        'decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        sources,
        rendition_url(image, src_name, private=private),
        srcset("jpeg"),
        sizes,
        width,
        height,
        image.alt,
        lazy,
        priority,
    )
