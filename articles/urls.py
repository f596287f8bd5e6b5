from django.urls import path

from articles import preview, views

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
]
