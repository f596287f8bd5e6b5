"""Article HTML: what editors may write, how it is sanitized, and how it reads as plain text.

One source of truth for the allowed markup: the rich-text editor's feature list below. The
sanitizer's allowlist is derived from it (django-prose-editor maps each feature to the tags and
attributes it writes), so the editor never offers what the server would strip, and the server
keeps nothing the editor cannot make. Anything else that reaches the server (a hand-made POST,
a paste from elsewhere, an import) is removed here, so the body can be marked safe in templates.

Pictures (issue 12) are references to the image library, stored as `<img data-image="42">` and
nothing else (the LibraryFigure and LibraryImage extensions, newsroom/settings.py): no address,
no alt text, no size. `render_figures()` turns them into `<picture>` markup with the library's
alt text, credit and renditions when a page is served, so an edit in the library shows everywhere.
"""

import functools
import re
from html import unescape
from html.parser import HTMLParser

import nh3
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions

from images.pictures import picture

# The body editor's features (django-prose-editor's "configurable" preset).
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    # The library's figure tool instead of django-prose-editor's URL-based Figure and Image.
    "LibraryFigure": True,
    "Caption": True,
    "LibraryImage": True,
    # django-prose-editor turns the browser's spellchecker off unless told not to; writers want it.
    "NoSpellCheck": False,
}

# Pasted or imported text often says <b>, <i> or <code>; they are kept as the editor shows them.
PASTED_TAGS = {"b", "i", "code"}
# `rel` is the sanitizer's to set (below), never the author's.
_SANITIZER_OWNED_ATTRIBUTES = {"rel"}

URL_SCHEMES = {"http", "https", "mailto"}


@functools.cache
def allowed_markup():
    """(tags, attributes) the sanitizer keeps: what the editor's features write, plus pasted tags."""
    editor = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
    tags = frozenset(editor["tags"] | PASTED_TAGS)
    attributes = {
        tag: set(names) - _SANITIZER_OWNED_ATTRIBUTES for tag, names in editor["attributes"].items()
    }
    return tags, attributes


@functools.cache
def _cleaner():
    tags, attributes = allowed_markup()
    return nh3.Cleaner(
        tags=set(tags),
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        # Links leave the site without handing it the reader's referrer or opener.
        link_rel="noopener noreferrer nofollow",
        # svg, math, style, script and iframe are dropped together with their content.
        clean_content_tags={"script", "style", "svg", "math", "iframe", "object", "embed", "template"},
        strip_comments=True,
    )


# After cleaning, an <img> keeps at most its data-image attribute (quotes in values are escaped).
_BARE_IMG = re.compile(r'<img(?: data-image="(?![1-9][0-9]{0,17}")[^"]*")?>')
_EMPTY_FIGURE = re.compile(r"<figure>\s*</figure>")
IMAGE_REFERENCE = re.compile(r'<img data-image="([1-9][0-9]{0,17})">')
_FIGURE = re.compile(
    r'<figure>\s*<img data-image="([1-9][0-9]{0,17})">\s*(?:<figcaption>(.*?)</figcaption>\s*)?</figure>',
    re.S,
)
# The body column: the article's measure (42rem) on wide screens, the screen less margins on phones.
BODY_PICTURE_SIZES = "(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"


def sanitize_html(html: str) -> str:
    """Return `html` with every element and attribute outside the allowlist removed.

    A picture that is not a library reference (an address, a pasted picture) is removed with it;
    the admin's form refuses such a body with a message before it gets here.
    """
    cleaned = _cleaner().clean(html or "").strip()
    cleaned = _EMPTY_FIGURE.sub("", _BARE_IMG.sub("", cleaned))
    # ProseMirror always leaves one empty paragraph in an empty document.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


def referenced_image_ids(html):
    """Ids of the library images a (sanitized) body refers to, in order, once each."""
    return [int(found) for found in dict.fromkeys(IMAGE_REFERENCE.findall(html or ""))]


def render_figures(html, images, *, private=False):
    """A sanitized body with its picture references rendered from the library (`images`: id -> Image).

    A reference to a missing image, or to one whose renditions are not made yet, renders nothing.
    """
    if "data-image" not in html:
        return mark_safe(html)

    def figure(match):
        image = images.get(int(match[1]))
        markup = picture(image, sizes=BODY_PICTURE_SIZES, private=private) if image else ""
        if not markup:
            return ""
        caption = mark_safe(match[2] or "")  # sanitized inline markup from the body
        credit = format_html('<span class="credit">{}</span>', image.credit) if image.credit else ""
        if not (caption or credit):
            return format_html("<figure>{}</figure>", markup)
        space = " " if caption and credit else ""
        return format_html(
            "<figure>{}<figcaption>{}{}{}</figcaption></figure>", markup, caption, space, credit
        )

    def bare(match):
        image = images.get(int(match[1]))
        return picture(image, sizes=BODY_PICTURE_SIZES, private=private) if image else ""

    return mark_safe(IMAGE_REFERENCE.sub(bare, _FIGURE.sub(figure, html)))


class _ImageFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))

    handle_startendtag = handle_starttag


def images_in(html):
    """The attributes of every <img> in unsanitized HTML (what an editor's form posted)."""
    finder = _ImageFinder()
    finder.feed(html or "")
    finder.close()
    return finder.found


def canonical_html(html):
    """HTML as stored: sanitized, with whitespace between tags dropped.

    The rich-text editor re-serializes the body when a form loads; an unchanged body must not
    count as a change (it would ask "update or fix?" and withdraw summary approvals).
    """
    return re.sub(r">\s+<", "><", sanitize_html(html or "")).strip()


# Block elements end a paragraph; <br> ends a line.
_SCRIPT_RE = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_BLOCK_TAG_RE = re.compile(
    r"(?i)</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|table|tr|section|article|header|footer|"
    r"aside|figure|figcaption|dl|dt|dd)\b[^>]*>|<hr\b[^>]*>"
)
_BR_RE = re.compile(r"(?i)<br\b[^>]*>")


def html_to_text(html):
    """Plain text of article HTML: one paragraph per block, blank lines between, entities decoded."""
    if not html:
        return ""
    # Whitespace in HTML source means nothing; blocks and <br> are what break lines.
    text = " ".join(_SCRIPT_RE.sub(" ", html).split())
    text = _BR_RE.sub("\n", _BLOCK_TAG_RE.sub("\n\n", text))
    text = unescape(strip_tags(text))
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_lines(html):
    """The non-empty lines of `html_to_text(html)`: what a revision diff compares."""
    return [line for line in html_to_text(html).splitlines() if line.strip()]
