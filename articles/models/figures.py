"""Articles and the image library: which pictures an article uses, and which images readers may see.

The lead image is a foreign key on Article; body pictures are references in the body
(`<img data-image="42">`, see articles/html.py), mirrored into BodyImage rows on every save so
the database can answer "who uses this picture" and "may readers see it" with one query.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.html import referenced_image_ids
from images.models import Image


class BodyImage(models.Model):
    """A library picture referred to in an article's body. An image in use cannot be deleted."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="body_image_links")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="body_links")

    class Meta:
        verbose_name = _("picture in the body")
        verbose_name_plural = _("pictures in the body")
        constraints = [models.UniqueConstraint(fields=["article", "image"], name="body_image_once")]

    def __str__(self):
        return f"{self.image} in {self.article}"


def using(image_id):
    """Q for articles that use the image, as lead image or in the body."""
    return Q(lead_image_id=image_id) | Q(body_image_links__image_id=image_id)


def _articles():
    return BodyImage._meta.get_field("article").related_model


def image_is_public(image_id):
    """The rule the image library asks (images.access.set_public_rule): a public article uses it.
    Two EXISTS queries, each on its own foreign-key index, rather than one OR across a join."""
    public = _articles().objects.public()
    return (
        public.filter(lead_image_id=image_id).exists()
        or public.filter(body_image_links__image_id=image_id).exists()
    )


def image_usage(image):
    """(headline, admin URL, is public) for every article using the image, for the library's admin."""
    articles = _articles().objects.filter(using(image.pk)).distinct().only("headline", "status", "publish_at")
    return [
        (article.headline, reverse("admin:articles_article_change", args=[article.pk]), article.is_public)
        for article in articles.order_by("-publish_at", "-id")[:50]
    ]


def pictures_of(article):
    """The article's library images: the lead image first, then the body's, each once."""
    ids = referenced_image_ids(article.body)
    found = Image.objects.in_bulk(ids) if ids else {}
    pictures = [article.lead_image] if article.lead_image_id else []
    pictures += [found[i] for i in ids if i in found and i != article.lead_image_id]
    return pictures
