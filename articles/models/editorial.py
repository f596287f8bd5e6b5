"""The editorial record: every saved version of an article, and every change of its state."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


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
