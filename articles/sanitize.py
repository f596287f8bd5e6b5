"""Server-side HTML sanitizing for article bodies, with an explicit allowlist.

The admin's rich-text editor offers only these elements; anything else that
reaches the server (a hand-made POST, a paste from elsewhere, an import) is
removed here, so the body can be marked safe in templates.
"""

import nh3

ALLOWED_TAGS = {
    # paragraphs and structure
    "p", "br", "hr", "h2", "h3", "h4",
    # lists
    "ul", "ol", "li",
    # links and emphasis
    "a", "strong", "b", "em", "i", "u", "s", "sub", "sup", "code",
    # quotes, figures and images
    "blockquote", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
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
    cleaned = _cleaner.clean(html or "").strip()
    # ProseMirror always leaves one empty paragraph in an empty document.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
