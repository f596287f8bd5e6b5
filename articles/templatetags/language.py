"""The language of words that carry no language of their own: names of sections, tags and authors.

Articles say their language (Article.language). Sections, tags and authors do not, and the demo
newsroom names some of them in Russian ("Городской совет"); a name mostly in Cyrillic letters is
marked Russian, anything else the site's language (WCAG 3.1.2, issue 15).
"""

import re

from django import template
from django.conf import settings

from articles.models import Article

register = template.Library()
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


@register.filter
def text_language(text):
    """Usage: <span lang="{{ tag.name|text_language }}">: "ru" for mostly Cyrillic text, else the site's."""
    text = str(text or "")
    if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)):
        return Article.Language.RUSSIAN.value
    return settings.LANGUAGE_CODE
