"""The page cache's tags for what reader pages show (recorded with pagecache.tags.add_tags).

The names, which HTTP caches see too (xkey, Surrogate-Key, Cache-Tag):

- "article-<pk>": the article's own page and every page that shows its headline (listings, feeds,
  Previous/Next, "More on this");
- "section-<pk>", "author-<pk>", "tag-<pk>": pages that name them (the article page, their own page);
- "image-<pk>": pages that show the picture;
- "listing": every page that lists articles (front page, archive, section, author and tag pages,
  search results, feeds, sitemaps): which articles are public, and in what order;
- "menu": every page with the site header, which shows the sections;
- "search": search pages, whose results follow any public article's words.

articles/invalidation.py purges them when content changes.
"""

from articles.html import referenced_image_ids
from pagecache.tags import add_tags

LISTING = "listing"
MENU = "menu"
SEARCH = "search"


def article(pk):
    return f"article-{pk}"


def section(pk):
    return f"section-{pk}"


def author(pk):
    return f"author-{pk}"


def tag(pk):
    return f"tag-{pk}"


def image(pk):
    return f"image-{pk}"


def record_article_page(request, page_article, context):
    """The article page: the article, its section, authors, tags and pictures, and the stories it links."""
    shown = [context.get("previous_article"), context.get("next_article"), *context["related_articles"]]
    pictures = referenced_image_ids(page_article.body)
    if page_article.lead_image_id:
        pictures.append(page_article.lead_image_id)
    add_tags(
        request,
        article(page_article.pk),
        section(page_article.section_id),
        *(article(other.pk) for other in shown if other is not None),
        *(author(person.pk) for person in page_article.authors.all()),
        *(tag(label.pk) for label in page_article.tags.all()),
        *(image(pk) for pk in pictures),
    )


def record_listing(request, articles, *more):
    """A page listing `articles` (with their lead pictures), plus `more` tags (the section shown...)."""
    add_tags(
        request,
        LISTING,
        *more,
        *(article(item.pk) for item in articles),
        *(image(item.lead_image_id) for item in articles if item.lead_image_id),
    )
