"""Summaries: the short text readers get on demand, and the assistant's suggestions for it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


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
    # When a worker began on it: a suggestion still pending long after that was abandoned (issue 11).
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("summary suggestion")
        verbose_name_plural = _("summary suggestions")

    def __str__(self):
        return f"{self.article_id}: {self.get_status_display()}"
