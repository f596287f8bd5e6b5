"""The newsroom's content: sections, authors, tags, articles and their summaries."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from articles.sanitize import sanitize_html

# The rich-text editor offers exactly what the sanitizer keeps (see articles/sanitize.py).
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Figure": True,
    "Caption": True,
    "Image": True,
}

WORDS_PER_MINUTE = 200

# Fields whose change alters an article's search document (articles/search.py).
SEARCHED_FIELDS = {"headline", "standfirst", "body", "language"}


class SearchVectorIndex(GinIndex):
    """GIN on PostgreSQL; elsewhere a plain index on the unused column, so SQLite can still rebuild tables."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed in the site menu by this number.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("short bio"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("The staff account that writes as this author, if any."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Articles a reader may see now; a scheduled article joins when its time comes."""
        # The stored search document is for the database's eyes only; never ship it to Python.
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now()).defer(
            "search_vector"
        )

    def for_listing(self):
        """What a list of articles shows: section and authors without a query per row."""
        return self.select_related("section").prefetch_related("authors")

    def for_page(self):
        """What the article page shows, in four queries whatever the article carries."""
        return (
            self.select_related("section", "summary")
            .prefetch_related("authors", "tags")
            # Corrections are rare: one EXISTS here instead of a query for them on every page.
            .annotate(has_notices=Exists(Notice.objects.filter(article=OuterRef("pk"))))
        )


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
    lead_image = models.ImageField(
        _("lead image"), upload_to="lead-images/%Y/%m/", blank=True, width_field="lead_image_width",
        height_field="lead_image_height",
    )  # fmt: skip
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article; it goes live by itself then."),
    )
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
    # Full-text search document, kept in step on save by articles/search.py (PostgreSQL only).
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
            SearchVectorIndex(fields=["search_vector"], name="article_search_vector"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.pk is not None:
            self._remember_old_slug()
            self.version += 1
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or SEARCHED_FIELDS.intersection(update_fields):
            from articles.search import update_search_vectors  # here, because search imports models

            update_search_vectors(Article.objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def _remember_old_slug(self):
        """Keep the URL of a published article working after its slug changes."""
        old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
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
        # Sanitized with an allowlist on every save (articles/sanitize.py).
        return mark_safe(self.body)

    @property
    def plain_text(self):
        return strip_tags(self.body)

    @property
    def reading_time(self):
        """Minutes a reader needs for the body, at least one."""
        return max(1, math.ceil(len(self.plain_text.split()) / WORDS_PER_MINUTE))

    @property
    def approved_summary(self):
        """The summary readers may see, or None."""
        try:
            summary = self.summary
        except Summary.DoesNotExist:
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
        return self._neighbour(TupleLessThan, ["-publish_at", "-id"])

    def next_public(self):
        """The public article published just after this one (ties broken by id), or None."""
        return self._neighbour(TupleGreaterThan, ["publish_at", "id"])

    def adjacent_public(self):
        """(previous, next) public articles: one round trip where the database can UNION them."""
        if self.publish_at is None:
            return None, None
        before = self._neighbours(TupleLessThan, ["-publish_at", "-id"])[:1]
        after = self._neighbours(TupleGreaterThan, ["publish_at", "id"])[:1]
        if not connection.features.supports_slicing_ordering_in_compound:
            return before.first(), after.first()
        found = list(before.union(after, all=True).order_by())
        key = (self.publish_at, self.pk)
        return (
            next((a for a in found if (a.publish_at, a.pk) < key), None),
            next((a for a in found if (a.publish_at, a.pk) > key), None),
        )

    def _neighbour(self, lookup, ordering):
        if self.publish_at is None:
            return None
        return self._neighbours(lookup, ordering).first()

    def _neighbours(self, lookup, ordering):
        # A keyset query on the (publish_at, id) index: never OFFSET, never a list.
        key = Tuple(F("publish_at"), F("id"))
        return (
            Article.objects.public()
            .filter(lookup(key, (self.publish_at, self.pk)))
            .order_by(*ordering)
            .only("headline", "slug", "publish_at")
        )


class Summary(models.Model):
    class Origin(models.TextChoices):
        HUMAN = "human", _("Written by people")
        ASSISTANT = "assistant", _("Suggested by the summary assistant")

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="summary"
    )
    text = models.TextField(
        _("text"),
        max_length=600,
        blank=True,
        help_text=_("Two or three plain sentences for readers in a hurry."),
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.HUMAN)
    backend = models.CharField(
        _("produced by"), max_length=100, blank=True, help_text=_("The assistant backend, if any.")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_revision = models.ForeignKey(
        "Revision", verbose_name=_("approved against revision"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._update_article_search_vector()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._update_article_search_vector()
        return result

    def _update_article_search_vector(self):
        # An approved summary is part of the article's search document.
        from articles.search import update_search_vectors  # here, because search imports models

        update_search_vectors(Article.objects.filter(pk=self.article_id))

    @property
    def is_approved(self):
        return self.approved_at is not None and bool(self.text.strip())

    @property
    def is_from_assistant(self):
        return self.origin == self.Origin.ASSISTANT


class SummarySuggestion(models.Model):
    """A summary the assistant suggested for an article; it reaches readers only through an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        READY = "ready", _("Ready")
        USED = "used", _("Used in the summary")
        FAILED = "failed", _("Failed")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="summary_suggestions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    backend = models.CharField(_("produced by"), max_length=100, blank=True)
    text = models.TextField(_("text"), blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("summary suggestion")
        verbose_name_plural = _("summary suggestions")

    def __str__(self):
        return f"{self.article_id}: {self.get_status_display()}"


class ArticleSlug(models.Model):
    """A former slug of a published article; its URL redirects to the current one."""

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug


class Revision(models.Model):
    """A snapshot of an article as saved: content, summary and placement, with who and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    is_substantive = models.BooleanField(
        _("substantive update"), default=False, help_text=_("Readers were shown an Updated time.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    content = models.JSONField(_("content"))

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article_id} r{self.number}"


class WorkflowEvent(models.Model):
    """One change of an article's state: who, when, from which state to which, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="workflow_events")
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"


class Notice(models.Model):
    """A correction or clarification attached to a published article, shown to readers."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"), max_length=1000)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:50]}"


# Share links: a signed, expiring, revocable preview for someone without an account (articles/preview.py).
SHARE_LINK_SALT = "articles.share"
SHARE_LINK_DEFAULT_HOURS = 48


def _share_link_expiry():
    return timezone.now() + timedelta(hours=SHARE_LINK_DEFAULT_HOURS)


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open: not revoked, not expired, views left."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()).filter(
            Q(max_views__isnull=True) | Q(open_count__lt=F("max_views"))
        )


class ShareLink(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="share_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=_share_link_expiry)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("views"), default=0)
    max_views = models.PositiveIntegerField(
        _("view limit"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return f"{self.article} (#{self.pk})"

    def get_absolute_url(self):
        return reverse("articles:share", kwargs={"token": self.token})

    @property
    def token(self):
        """The signed id that the link carries; the row, not the token, says whether it still opens.

        The same link always has the same token, so the admin can show it again.
        """
        return signing.Signer(salt=SHARE_LINK_SALT).sign_object(self.pk)
