from django.urls import path
from django.views.generic import TemplateView

from articles import feeds, preview, sitemaps, views
from pagecache.querystring import query_params

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("a/<int:pk>/", views.article_short_url, name="short"),
    path("sections/<slug:slug>/", views.section_page, name="section"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/", views.archive_year, name="archive-year"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive-month"),
    # Staff preview and share links (articles/preview.py): private, never cached, never indexed.
    path("preview/<int:pk>/", preview.preview, name="preview"),
    path("share/<str:token>/", preview.share, name="share"),
    # Discovery: feeds, sitemaps, robots.txt and search (issue 5).
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("feeds/sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section-feed-rss"),
    path("feeds/sections/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path(
        "robots.txt",
        query_params()(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    path("search/", views.search, name="search"),
]
