from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from articles import search
        from articles.models import Article, Author, Notice, Section, Summary, Tag
        from pagecache import content

        search.keep_index_current()
        # Everything an anonymous page shows; corrections included, which must reach readers at once.
        content.watch(Article, Summary, Notice, Section, Author, Tag)
        content.watch_relations(Article.authors.through, Article.tags.through)
        content.set_next_change(Article.objects.next_scheduled_at)
