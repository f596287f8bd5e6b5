"""Autosaves (what someone typed and has not saved) and edit locks (who is editing a story now)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Autosave(models.Model):
    """A form's typed state, one row per user, article and browser tab; never seen by readers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # None: a new article that has not been saved yet.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tab = models.CharField(max_length=40)
    # The article's version when the form was loaded: a restore carries it, so the no-lost-edits
    # check still refuses a save over someone else's newer one.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article", "tab"], name="autosave_per_tab", condition=Q(article__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["user", "tab"], name="autosave_new_article_per_tab", condition=Q(article__isnull=True)
            ),
        ]
        indexes = [models.Index(fields=["user", "article", "-saved_at"], name="autosave_latest")]

    def __str__(self):
        return f"{self.user_id}/{self.article_id or 'new'}/{self.tab}"


class EditLock(models.Model):
    """Who is editing an article now: kept alive by the form's heartbeat, and taken over openly."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tab = models.CharField(max_length=40)
    started_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now, db_index=True)
    taken_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_from_tab = models.CharField(max_length=40, blank=True)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.article_id}: {self.user_id}"
