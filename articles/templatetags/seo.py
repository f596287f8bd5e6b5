"""Page metadata for the <head>: title, description, canonical link, Open Graph, Twitter, feeds, JSON-LD."""

from django import template
from django.conf import settings

from articles import metadata
from images.pictures import social

register = template.Library()


def canonical_url(request):
    """This page's absolute address without its query string, except a listing's page number."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    # ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses (issue 11).
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        url += f"?page={int(page)}"
    return url


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, title="", description="", image=None, article=None, section=None, noindex=False):
    """Usage: {% page_meta %} on any page, {% page_meta article=article %} on an article page.

    The link-preview picture is the library image's 1200x630 social rendition (issue 12).
    """
    request = context["request"]
    private = bool(context.get("preview"))  # a preview's addresses stay on the site
    language = settings.LANGUAGE_CODE
    values = {
        "site_name": settings.NEWSROOM_NAME,
        "og_type": "website",
        "section": section,
        "noindex": noindex,
    }
    if article is not None:
        title = article.headline
        description = metadata.article_description(article)
        image = article.lead_image
        language = article.language
        values.update(
            og_type="article",
            article=article,
            section=article.section,
            canonical_url=request.build_absolute_uri(article.get_absolute_url()),
            json_ld=metadata.json_ld_script(
                metadata.news_article_data(article, request, private=private, description=description)
            ),
        )
    values.setdefault("canonical_url", canonical_url(request))
    values.update(
        title=title or settings.NEWSROOM_NAME,
        # An article's description is cut to length already (and given to its JSON-LD as it is).
        description=description
        if article is not None and description
        else metadata.describe(description or f"The latest news from {settings.NEWSROOM_NAME}."),
        locale=metadata.OG_LOCALES.get(language[:2], language),
        image_alt=image.alt if image else "",
    )
    if found := social(image, private=private):
        values.update(
            image_url=request.build_absolute_uri(found[0]), image_width=found[1], image_height=found[2]
        )
    return values


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """Usage: {% absolute_url article.get_absolute_url %}: the full address, as printed on paper."""
    return context["request"].build_absolute_uri(path)
