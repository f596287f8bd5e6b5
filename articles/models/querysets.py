"""How articles are asked for: the one definition of public, and what each kind of page loads."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models.notice import Notice


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Articles a reader may see now; a scheduled article joins when its time comes."""
        # The stored search document is for the database's eyes only; never ship it to Python.
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=timezone.now()).defer(
            "search_vector"
        )

    def next_scheduled_at(self):
        """When the next scheduled article (Published, time still ahead) goes live, or None."""
        scheduled = self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())
        return scheduled.aggregate(nearest=models.Min("publish_at"))["nearest"]

    def for_listing(self):
        """What a list of articles shows: section, lead image and authors without a query per row."""
        return self.select_related("section", "lead_image").prefetch_related("authors")

    def for_page(self):
        """What the article page shows, in four queries whatever the article carries."""
        return (
            self.select_related("section", "summary", "lead_image")
            .prefetch_related("authors", "tags")
            # Corrections are rare: one EXISTS here instead of a query for them on every page.
            .annotate(has_notices=Exists(Notice.objects.filter(article=OuterRef("pk"))))
        )
