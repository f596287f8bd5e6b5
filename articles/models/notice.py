"""Corrections and clarifications: what readers are told about a published article after the fact."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A correction or clarification attached to a published article, shown to readers."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"), max_length=1000)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:50]}"
