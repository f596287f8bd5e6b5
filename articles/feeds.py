"""RSS 2.0 and Atom feeds for the whole site and for each section (Django's syndication framework)."""

import copy
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles import pagetags
from articles.models import Article, Section

FEED_ITEMS = 30
# Characters XML 1.0 forbids; a pasted control character must not break a feed.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def xml_safe(text):
    return _XML_FORBIDDEN.sub("", text)


class RssWithItemLanguages(Rss201rev2Feed):
    """RSS 2.0 has a language for the channel only; each item says its own in Dublin Core's dc:language.

    RSS 2.0 allows elements from other namespaces; Django writes its dc:creator the same way.
    Readers that know Dublin Core use it, the rest ignore it.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["language"], {"xmlns:dc": DUBLIN_CORE})


class AtomWithItemLanguages(Atom1Feed):
    """Atom's own way: xml:lang on each entry, over the feed's (the site's) language."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}


class LatestArticlesFeed(Feed):
    """The newest public articles, site-wide."""

    feed_type = RssWithItemLanguages
    page_cache_params = frozenset()  # reads no query parameter (pagecache.querystring)

    def title(self):
        return settings.NEWSROOM_NAME

    def link(self):
        return reverse("articles:front")

    def description(self):
        return f"The latest articles from {settings.NEWSROOM_NAME}."

    def feed_url(self):
        return reverse("articles:feed-rss")

    def __call__(self, request, *args, **kwargs):
        # Feed views are module-level instances shared by threads: per-request state lives on a copy.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def items(self, obj):
        articles = Article.objects.public()
        if obj is not None:
            articles = articles.filter(section=obj)
        items = list(
            articles.select_related("section")
            .prefetch_related("authors", "tags")
            .order_by("-publish_at", "-id")[:FEED_ITEMS]
        )
        more = [pagetags.section(obj.pk)] if obj is not None else []
        pagetags.record_listing(self.request, items, *more)
        return items

    def item_title(self, item):
        return xml_safe(item.headline)

    def item_description(self, item):
        return xml_safe(item.standfirst)

    def item_author_name(self, item):
        return xml_safe(", ".join(author.name for author in item.authors.all()))

    def item_author_link(self, item):
        authors = item.authors.all()
        return self.request.build_absolute_uri(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, item):
        return [xml_safe(item.section.name), *(xml_safe(tag.name) for tag in item.tags.all())]

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.reader_updated_at or item.publish_at

    def item_extra_kwargs(self, item):
        return {"language": item.language}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomWithItemLanguages
    subtitle = LatestArticlesFeed.description

    def feed_url(self):
        return reverse("articles:feed-atom")


class SectionFeed(LatestArticlesFeed):
    """The newest public articles of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return xml_safe(f"{obj.name} · {settings.NEWSROOM_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_safe(
            obj.description or f"The latest articles in {obj.name} from {settings.NEWSROOM_NAME}."
        )

    def feed_url(self, obj):
        return reverse("articles:section-feed-rss", kwargs={"slug": obj.slug})


class SectionAtomFeed(SectionFeed):
    feed_type = AtomWithItemLanguages
    subtitle = SectionFeed.description

    def feed_url(self, obj):
        return reverse("articles:section-feed-atom", kwargs={"slug": obj.slug})
