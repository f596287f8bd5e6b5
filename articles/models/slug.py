"""Former slugs: an article's old URLs keep working after its slug changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleSlug(models.Model):
    """A former slug of a published article; its URL redirects to the current one."""

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug
