from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from articles import search
        from articles.models import Article, Author, Notice, Section, Summary, Tag, figures
        from images import access
        from pagecache import content

        search.keep_index_current()
        # The image library serves an image's renditions to readers only while a public article uses it.
        access.set_public_rule(figures.image_is_public)
        access.set_usage(figures.image_usage)
        # Everything an anonymous page shows; corrections included, which must reach readers at once.
        content.watch(Article, Summary, Notice, Section, Author, Tag)
        content.watch_relations(Article.authors.through, Article.tags.through, Article.body_images.through)
        content.set_next_change(Article.objects.next_scheduled_at)
