from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from articles import invalidation, search
        from articles.models import figures
        from images import access

        search.keep_index_current()
        # The image library serves an image's renditions to readers only while a public article uses it.
        access.set_public_rule(figures.image_is_public)
        access.set_usage(figures.image_usage)
        # What each change purges from the page caches (pagecache), by the tags reader pages carry.
        invalidation.connect()
