"""Sitemaps (Django's sitemaps framework): an index of sections, plus a Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from articles import pagetags
from articles.feeds import xml_safe
from articles.models import Article, Author, Section, Tag
from pagecache.querystring import query_params

# Google reads at most 1,000 articles from a news sitemap, and only those of the last two days.
NEWS_MAX_ITEMS = 1000
NEWS_WINDOW = timedelta(days=2)


class FrontPageSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:front"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Article.objects.public().aggregate(latest=Max("publish_at"))["latest"]


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.public()
            .only("slug", "publish_at", "content_updated_at")
            .order_by("-publish_at", "-id")
        )

    def lastmod(self, item):
        return item.reader_updated_at or item.publish_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default, which loads every article for the sitemap index.
        # The later of the two, as reader_updated_at decides: a change before republication is older.
        latest = Max(Greatest("publish_at", Coalesce("content_updated_at", "publish_at")))
        return Article.objects.public().aggregate(latest=latest)["latest"]


class _WithPublicArticlesSitemap(Sitemap):
    """Sections, authors or tags that have public articles, dated by the newest of them."""

    model = None

    def items(self):
        now = timezone.now()
        public = Q(articles__status=Article.Status.PUBLISHED, articles__publish_at__lte=now)
        return (
            self.model.objects.annotate(latest=Max("articles__publish_at", filter=public))
            .filter(latest__isnull=False)
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest


class SectionSitemap(_WithPublicArticlesSitemap):
    model = Section


class AuthorSitemap(_WithPublicArticlesSitemap):
    model = Author


class TagSitemap(_WithPublicArticlesSitemap):
    model = Tag


class NewsSitemap(Sitemap):
    """Google News: public articles published in the last two days, newest first."""

    limit = NEWS_MAX_ITEMS

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.public()
            .filter(publish_at__gte=since)
            .only("slug", "headline", "language", "publish_at")
            .order_by("-publish_at", "-id")[:NEWS_MAX_ITEMS]
        )

    def lastmod(self, item):
        return item.publish_at

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            article = url["item"]
            url["news"] = {
                "publication_name": xml_safe(settings.NEWSROOM_NAME),
                "language": article.language,
                "publication_date": article.publish_at,
                "title": xml_safe(article.headline),
            }
        return urls


SITEMAPS = {
    "pages": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "news": NewsSitemap,
}
TEMPLATES = {"news": "sitemaps/news_sitemap.xml"}


@query_params()
def index(request):
    # What sitemaps list follows "listing"; an article's lastmod or a news title may lag an edit by
    # PAGE_CACHE_SECONDS at most (tagging every article of a sitemap would not fit in a header).
    pagetags.record_listing(request, [])
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="articles:sitemap-section")


@query_params("p")
def section(request, section):
    pagetags.record_listing(request, [])
    template_name = TEMPLATES.get(section, "sitemaps/sitemap.xml")
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template_name)
