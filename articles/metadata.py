"""What search engines, aggregators and link previews read: descriptions and schema.org JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from images.pictures import social

DESCRIPTION_MAX_CHARS = 160
# The escapes of Django's json_script: no "</script>", "<!--" or "&" can end or alter the data block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
OG_LOCALES = {"en": "en_US", "ru": "ru_RU"}


def describe(text):
    """One line of plain text for a meta description, cut at a word near 160 characters."""
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_MAX_CHARS)


def article_description(article):
    """The standfirst, else the approved summary, else the start of the body."""
    summary = article.approved_summary
    return describe(article.standfirst or (summary.text if summary else "") or article.plain_text)


def news_article_data(article, request, *, private=False, description=None):
    """schema.org NewsArticle for an article page, as a dict ready for JSON.

    `description`: the page's article_description(article) when the caller has it already.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": description if description is not None else article_description(article),
        "datePublished": article.publish_at,
        "dateModified": article.reader_updated_at or article.publish_at,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_NAME,
            "url": request.build_absolute_uri(reverse("articles:front")),
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": article.language,
        "articleSection": article.section.name,
    }
    if found := social(article.lead_image, private=private):
        data["image"] = [request.build_absolute_uri(found[0])]
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    notices = article.reader_notices
    if notices:
        # schema.org's way of telling search engines an article was corrected, and when.
        data["correction"] = [
            {"@type": "CorrectionComment", "text": notice.text, "datePublished": notice.created_at}
            for notice in notices
        ]
    return data


def json_ld_script(data):
    """A <script type="application/ld+json"> data block, escaped like Django's json_script filter.

    A data block is never executed, so the Content-Security-Policy does not apply to it and it
    needs no nonce; pages without a nonce stay byte-for-byte cacheable.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
