"""Article HTML: what editors may write, how it is sanitized, and how it reads as plain text.

One source of truth for the allowed markup: the rich-text editor's feature list below. The
sanitizer's allowlist is derived from it (django-prose-editor maps each feature to the tags and
attributes it writes), so the editor never offers what the server would strip, and the server
keeps nothing the editor cannot make. Anything else that reaches the server (a hand-made POST,
a paste from elsewhere, an import) is removed here, so the body can be marked safe in templates.
"""

import functools
import re
from html import unescape

import nh3
from django.utils.html import strip_tags
from django_prose_editor.config import allowlist_from_extensions

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
    "Figure": True,
    "Caption": True,
    "Image": True,
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
        # Body images sit below the headline and lead image: the browser fetches them when needed.
        set_tag_attribute_values={"img": {"loading": "lazy"}},
    )


def sanitize_html(html: str) -> str:
    """Return `html` with every element and attribute outside the allowlist removed."""
    cleaned = _cleaner().clean(html or "").strip()
    # ProseMirror always leaves one empty paragraph in an empty document.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


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
