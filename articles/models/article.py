"""The article: what readers see, its state, and its place in the site-wide order."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.html import (
    BODY_EDITOR_EXTENSIONS,
    html_to_text,
    referenced_image_ids,
    render_figures,
    sanitize_html,
)
from articles.models.addresses import slug_url
from articles.models.figures import BodyImage
from articles.models.querysets import ArticleQuerySet
from articles.models.slug import ArticleSlug
from articles.models.taxonomy import Author, Section, Tag
from images.models import Image
from images.services import request_renditions

WORDS_PER_MINUTE = 200


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        RUSSIAN = "ru", _("Russian")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=False,
        help_text=_("The last part of the article's web address: lowercase letters, digits, hyphens."),
    )
    standfirst = models.TextField(
        _("standfirst"), max_length=400, blank=True, help_text=_("One or two sentences under the headline.")
    )
    body = ProseEditorField(
        _("body"), config={"extensions": BODY_EDITOR_EXTENSIONS}, sanitize=sanitize_html, blank=True
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), related_name="articles")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="articles", blank=True)
    # From the image library (issue 12): alt text, credit and renditions come with the image.
    lead_image = models.ForeignKey(
        Image, verbose_name=_("lead image"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="lead_for",
        help_text=_("Choose a picture from the library, or upload one with the + button."),
    )  # fmt: skip
    lead_image_caption = models.CharField(
        _("lead image caption"), max_length=300, blank=True,
        help_text=_("This article's caption for the picture; empty uses the library's caption."),
    )  # fmt: skip
    body_images = models.ManyToManyField(
        Image, through=BodyImage, related_name="+", blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article; it goes live by itself then."),
    )
    # When readers could first see the article. Written on save once known: at publication, or, for a
    # scheduled article, by the first save after its time came (`has_been_public` knows before that).
    first_published_at = models.DateTimeField(_("first published at"), null=True, editable=False)
    content_updated_at = models.DateTimeField(
        _("updated at"), null=True, editable=False,
        help_text=_("When a published article last changed substantively; readers see it."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last edited by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    # Optimistic concurrency: every save bumps it; a form carrying an older number is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Full-text search document, kept in step on save by articles/search.py (PostgreSQL only). Its GIN
    # index is made by migration 0006 on PostgreSQL alone: SQLite has no GIN and never reads the column.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    # The one table of allowed state changes; workflow.py's actions go through move_to().
    TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED},
        Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED},
        Status.PUBLISHED: {Status.PUBLISHED, Status.UNPUBLISHED},  # publishing again reschedules
        Status.UNPUBLISHED: {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED},
    }

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("approve_summary", _("Can approve article summaries")),
            ("edit_any_article", _("Can edit articles by anyone")),
        ]
        indexes = [
            # Front page, archive and Previous/Next: public articles by (publish_at, id).
            models.Index(
                fields=["publish_at", "id"],
                name="article_public_order",
                condition=Q(status="published"),
            ),
            # Section pages.
            models.Index(
                fields=["section", "publish_at", "id"],
                name="article_section_public_order",
                condition=Q(status="published"),
            ),
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        stored = None
        if self.pk is not None:
            stored = Article.objects.filter(pk=self.pk).values("slug", "status", "publish_at").first()
            self.version += 1
        self._note_first_publication(stored)
        if stored is not None:
            self._remember_old_slug(stored["slug"])
        super().save(*args, **kwargs)
        self._use_pictures()

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def _use_pictures(self):
        """Mirror the body's picture references, and queue renditions for a picture used the first time."""
        ids = set(Image.objects.filter(pk__in=referenced_image_ids(self.body)).values_list("pk", flat=True))
        self.body_images.set(ids)
        if self.lead_image_id:
            ids.add(self.lead_image_id)
        for image in Image.objects.filter(pk__in=ids, renditions={}).only("pk"):
            request_renditions(image)

    def _note_first_publication(self, stored):
        """Set first_published_at when readers can see the article, or could before this save.

        A scheduled article is not published until its time comes: it goes live with no job and no
        save, so until its next save `has_been_public` derives the fact from `publish_at` (issue 11).
        """
        if self.first_published_at is not None:
            return
        was_public = (
            stored is not None
            and stored["status"] == self.Status.PUBLISHED
            and stored["publish_at"] is not None
            and stored["publish_at"] <= timezone.now()
        )
        if was_public:
            self.first_published_at = stored["publish_at"]
        elif self.is_public:
            self.first_published_at = self.publish_at

    def _remember_old_slug(self, old_slug):
        """Keep the URL of a published article working after its slug changes."""
        if old_slug and old_slug != self.slug and self.first_published_at is not None:
            ArticleSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})
        ArticleSlug.objects.filter(slug=self.slug).delete()

    def clean(self):
        super().clean()
        if self.publish_at is not None:
            earliest = timezone.now().replace(year=1990, month=1, day=1)
            latest = timezone.now() + timedelta(days=5 * 365)
            if not earliest <= self.publish_at <= latest:
                raise ValidationError(
                    {"publish_at": _("Choose a publication time between 1990 and five years from now.")}
                )

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def has_been_public(self):
        """Whether readers have seen it: it is public now, or was before (then it was published)."""
        published = self.first_published_at is not None and self.first_published_at <= timezone.now()
        return published or self.is_public

    @property
    def reader_updated_at(self):
        """The "Updated" time readers see: a substantive change after the publication they see, or None.

        A change before an article was (re)published is part of that publication, not an update.
        """
        updated = self.content_updated_at
        if updated is None or self.publish_at is None or updated <= self.publish_at:
            return None
        return updated

    @property
    def state_label(self):
        """The state as the admin names it: Scheduled is a Published article whose time is ahead."""
        return _("Scheduled") if self.is_scheduled else self.get_status_display()

    def move_to(self, status):
        """Change the stored state, refusing a change the workflow does not allow."""
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("An article cannot go from %(old)s to %(new)s.")
                % {"old": self.get_status_display(), "new": self.Status(status).label}
            )
        self.status = status

    @property
    def body_html(self):
        """The body as readers see it: sanitized on every save, pictures rendered from the library."""
        return self.render_body()

    def render_body(self, *, private=False):
        ids = referenced_image_ids(self.body)
        images = Image.objects.in_bulk(ids) if ids else {}
        return render_figures(self.body, images, private=private)

    @property
    def lead_caption(self):
        """This article's caption for its lead image, or the library's."""
        return self.lead_image_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def plain_text(self):
        return html_to_text(self.body)

    @property
    def reading_time(self):
        """Minutes a reader needs for the body, at least one."""
        return max(1, math.ceil(len(self.plain_text.split()) / WORDS_PER_MINUTE))

    @property
    def approved_summary(self):
        """The summary readers may see, or None."""
        try:
            summary = self.summary
        except ObjectDoesNotExist:
            return None
        return summary if summary.is_approved else None

    @cached_property
    def reader_notices(self):
        """Corrections and clarifications, in order; no query when the page's query said there are none."""
        if getattr(self, "has_notices", True) is False:
            return []
        return list(self.notices.all())

    def previous_public(self):
        """The public article published just before this one (ties broken by id), or None."""
        return self._neighbour(before=True)

    def next_public(self):
        """The public article published just after this one (ties broken by id), or None."""
        return self._neighbour(before=False)

    def adjacent_public(self):
        """(previous, next) public articles: one round trip where the database can UNION them."""
        if self.publish_at is None:
            return None, None
        before = self._neighbours(before=True)[:1]
        after = self._neighbours(before=False)[:1]
        if not connection.features.supports_slicing_ordering_in_compound:
            return before.first(), after.first()
        found = list(before.union(after, all=True).order_by())
        key = (self.publish_at, self.pk)
        return (
            next((a for a in found if (a.publish_at, a.pk) < key), None),
            next((a for a in found if (a.publish_at, a.pk) > key), None),
        )

    def _neighbour(self, *, before):
        if self.publish_at is None:
            return None
        return self._neighbours(before=before).first()

    def _neighbours(self, *, before):
        # A keyset query on the (publish_at, id) index: never OFFSET, never a list.
        # (publish_at, id) < (t, pk) written out. PostgreSQL cannot start an index scan from an OR,
        # so the plain bound on publish_at comes first: without it the scan walked from the newest
        # (or oldest) article to this one, one row per article in between (issue 13).
        # tests/test_query_budget.py checks the index is used and that it reads a row or two.
        if before:
            bound = Q(publish_at__lte=self.publish_at)
            beyond = Q(publish_at__lt=self.publish_at) | Q(publish_at=self.publish_at, id__lt=self.pk)
            ordering = ["-publish_at", "-id"]
        else:
            bound = Q(publish_at__gte=self.publish_at)
            beyond = Q(publish_at__gt=self.publish_at) | Q(publish_at=self.publish_at, id__gt=self.pk)
            ordering = ["publish_at", "id"]
        return (
            Article.objects.public()
            .filter(bound, beyond)
            .order_by(*ordering)
            .only("headline", "slug", "publish_at", "language")
        )
